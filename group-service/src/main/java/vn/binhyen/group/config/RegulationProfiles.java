package vn.binhyen.group.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.binhyen.eventlog.rules.ClauseIndex;
import vn.binhyen.group.domain.RegulationProfile;

/**
 * Loads {@code regulations/<profile>.yaml} from the classpath; a typo in a rule file fails loudly,
 * and so does a rulebook whose rule cites nothing, another regulation, or a clause its seed does not
 * have ({@link ClauseIndex}), or that lacks a rule the decider needs ({@link #REQUIRED}).
 */
public final class RegulationProfiles {
    public static final List<String> IDS = List.of("ward-binh-phuoc", "police-song-tri", "council-binh-duong",
            "ioc-dak-lak", "province-lai-chau");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The rules every profile states, because the decider cannot act without them; where a seed
     * is silent (suspension outside the police's regulation, say) the entry cites the platform's
     * own rule ({@code binhyen:...}), never another regulation's clause.
     */
    public static final List<String> REQUIRED = List.of("establishment", "membership", "pins", "handover",
            "roleAssignment", "groupInfo", "lifecycle", "termination", "directives", "reporting");

    private RegulationProfiles() {
    }

    /** Every rule's citation is its own seed's clause (or the platform's), every required rule present. */
    public static void check(RegulationProfile p) {
        var citations = new java.util.LinkedHashMap<String, String>();
        List<String> missing = new ArrayList<>();
        for (RecordComponent c : RegulationProfile.Rules.class.getRecordComponents()) {
            Object rule;
            try {
                rule = c.getAccessor().invoke(p.rules());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (rule instanceof RegulationProfile.Cited cited) {
                citations.put("rules." + c.getName() + " (" + cited.id() + ")", cited.citation());
            } else if (REQUIRED.contains(c.getName())) {
                missing.add("rules." + c.getName());
            }
        }
        for (RegulationProfile.Template t : p.templates()) {
            citations.put("templates." + t.id(), t.citation());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("rulebook " + p.id() + " lacks " + missing);
        }
        ClauseIndex.standard().requireAll(p.id(), citations);
    }

    public static Map<String, RegulationProfile> load() {
        Map<String, RegulationProfile> out = new LinkedHashMap<>();
        for (String id : IDS) {
            String path = "regulations/" + id + ".yaml";
            try (InputStream in = RegulationProfiles.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(path + " is missing");
                }
                RegulationProfile p = YAML.readValue(in, RegulationProfile.class);
                if (!p.id().equals(id)) {
                    throw new IllegalStateException(path + " declares id " + p.id());
                }
                check(p);
                out.put(id, p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
