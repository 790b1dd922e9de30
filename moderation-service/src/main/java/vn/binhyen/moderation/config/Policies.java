package vn.binhyen.moderation.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.binhyen.moderation.domain.policy.Policy;
import vn.binhyen.moderation.domain.screening.Screener;
import vn.binhyen.moderation.domain.text.LegacyEncodings;

/** Loads {@code policies/<profile>.yaml} and {@code policies/terms.yaml}; a typo in a rule file fails loudly. */
public final class Policies {
    public static final List<String> IDS = List.of("ward-binh-phuoc", "police-song-tri", "council-binh-duong",
            "ioc-dak-lak", "province-lai-chau");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Policies() {
    }

    public static Map<String, Policy> load() {
        Map<String, Policy> out = new LinkedHashMap<>();
        for (String id : IDS) {
            Policy p = read("policies/" + id + ".yaml", Policy.class);
            if (!p.id().equals(id)) {
                throw new IllegalStateException("policies/" + id + ".yaml declares id " + p.id());
            }
            out.put(id, p);
        }
        return out;
    }

    public static Policy.TermLists termLists() {
        return read("policies/terms.yaml", Policy.TermLists.class);
    }

    /** Every profile's policy compiled for screening. */
    public static Map<String, Screener> screeners() {
        Policy.TermLists lists = termLists();
        Map<String, Screener> out = new LinkedHashMap<>();
        load().forEach((id, p) -> out.put(id, new Screener(p, lists, LegacyEncodings.standard())));
        return out;
    }

    private static <T> T read(String path, Class<T> type) {
        try (InputStream in = Policies.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing");
            }
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
