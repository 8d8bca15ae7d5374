/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.crm;

import dev.segmentation.serving.store.SegmentChange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrmExportTest {
    private static final CrmMapping MAPPING = CrmMapping.builder("crm-x")
            .segment("Champions", "SEG-01", "VIP")
            .segment("Loyal", "SEG-02", "Loyal, \"core\"")
            .segment("Potential Loyalists", "SEG-02", "Loyal, \"core\"")
            .segment("Lost", "SEG-09", "Win-back")
            .columns("ContactId", "Segment__c", "SegmentName__c")
            .build();

    private static final List<SegmentChange> CHANGES = List.of(
            change("c3", SegmentChange.Kind.CHANGED, "Loyal", "Champions"),
            change("c1", SegmentChange.Kind.ADDED, null, "Lost"),
            change("c2", SegmentChange.Kind.REMOVED, "Champions", null),
            change("c4", SegmentChange.Kind.CHANGED, "Loyal", "Potential Loyalists"));

    private static SegmentChange change(String id, SegmentChange.Kind kind, String before, String after) {
        return new SegmentChange(id, kind, before == null ? null : 1, before, before == null ? null : "1",
                after == null ? null : 2, after, after == null ? null : "2");
    }

    @Test
    void exportsAddedChangedAndRemovedInTheTargetsTerms() {
        CrmExport e = CrmExport.of(CHANGES, MAPPING);
        assertEquals(Map.of(SegmentChange.Kind.ADDED, 1L, SegmentChange.Kind.CHANGED, 1L,
                SegmentChange.Kind.REMOVED, 1L), e.counts());
        assertEquals(1, e.collapsed(), "Loyal -> Potential Loyalists is SEG-02 -> SEG-02 for the target");
        assertEquals(3, e.size());
        String csv = new String(e.csv(), StandardCharsets.UTF_8);
        assertEquals("change,ContactId,Segment__c,SegmentName__c,previous_Segment__c,previous_SegmentName__c,model_version\n"
                + "added,c1,SEG-09,Win-back,,,2\n"
                + "removed,c2,,,SEG-01,VIP,1\n"
                + "changed,c3,SEG-01,VIP,SEG-02,\"Loyal, \"\"core\"\"\",2\n", csv);
        String json = new String(e.jsonLines(), StandardCharsets.UTF_8);
        assertEquals("{\"change\":\"added\",\"ContactId\":\"c1\",\"Segment__c\":\"SEG-09\",\"SegmentName__c\":\"Win-back\","
                + "\"previous_Segment__c\":null,\"previous_SegmentName__c\":null,\"model_version\":\"2\"}\n",
                json.substring(0, json.indexOf('\n') + 1));
        assertEquals(3, json.split("\n").length);
        assertTrue(e.table().contains("changed") && e.table().contains("crm-x"));
    }

    @Test
    void theSameNightExportedTwiceGivesTheSameBytesWhateverTheInputOrder() {
        CrmExport one = CrmExport.of(CHANGES, MAPPING);
        CrmExport two = CrmExport.of(List.of(CHANGES.get(3), CHANGES.get(1), CHANGES.get(0), CHANGES.get(2)), MAPPING);
        assertArrayEquals(one.csv(), two.csv());
        assertArrayEquals(one.jsonLines(), two.jsonLines());
    }

    @Test
    void anUnmappedSegmentFailsTheExportUnlessSkipped() {
        List<SegmentChange> withUnknown = List.of(change("c9", SegmentChange.Kind.ADDED, null, "Hibernating"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> CrmExport.of(withUnknown, MAPPING));
        assertTrue(ex.getMessage().contains("'Hibernating' has no mapping for crm-x"), ex.getMessage());
        CrmMapping lenient = CrmMapping.builder("crm-y").segment("Lost", "L", "Lost").skipUnmapped().build();
        CrmExport e = CrmExport.of(withUnknown, lenient);
        assertEquals(0, e.size());
        assertEquals(1, e.skipped());
    }

    @Test
    void badMappingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CrmMapping.builder(" "));
        assertThrows(IllegalArgumentException.class, () -> CrmMapping.builder("t").segment("A", "1", "a").segment("A", "2", "b"));
        assertThrows(IllegalArgumentException.class, () -> CrmMapping.builder("t").segment("A", " ", "a"));
        assertThrows(IllegalArgumentException.class, () -> CrmMapping.builder("t").columns("id", "id", "name"));
        assertThrows(IllegalArgumentException.class, () -> CrmMapping.builder("t").columns("change", "code", "name"));
        assertThrows(IllegalStateException.class, () -> CrmMapping.builder("t").build());
    }
}
