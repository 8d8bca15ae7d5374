/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Rule-based segments: {@link dev.segmentation.activation.rules.Condition} (the language and its fluent form),
 * {@link dev.segmentation.activation.rules.RuleSet} (ordered rules, first match wins),
 * {@link dev.segmentation.activation.rules.RuleSchema} (the features a record holds),
 * {@link dev.segmentation.activation.rules.BoundRuleSet} (bound, compiled, checked for rules that can never match;
 * model type {@code "rule-set"}) and {@link dev.segmentation.activation.rules.LifecycleStages}.
 *
 * @since 0.1
 */
package dev.segmentation.activation.rules;
