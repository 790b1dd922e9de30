package vn.binhyen.moderation.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * REST bodies are read and written with Blackbird, Jackson's module that reaches properties
 * through generated lambdas instead of reflection: every bot message is a screening request
 * read and an answer written, and reflective calls were most of the answer's serialisation.
 */
@Singleton
public class BlackbirdJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
    }
}
