package vn.binhyen.group.config;

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
import vn.binhyen.group.domain.RegulationProfile;

/** Loads {@code regulations/<profile>.yaml} from the classpath; a typo in a rule file fails loudly. */
public final class RegulationProfiles {
    public static final List<String> IDS = List.of("ward-binh-phuoc", "police-song-tri", "council-binh-duong",
            "ioc-dak-lak", "province-lai-chau");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RegulationProfiles() {
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
                out.put(id, p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
