-- Version 2: indexes for the lookups that do not start from a run: a customer's rows across snapshots (consent
-- revocation), a customer's audit trail, and a run's audit rows.

CREATE INDEX IF NOT EXISTS seg_assignment_customer ON seg_assignment (customer_id);
CREATE INDEX IF NOT EXISTS seg_audit_customer ON seg_audit (customer_id, audit_id);
CREATE INDEX IF NOT EXISTS seg_audit_run ON seg_audit (run_id);
