package vn.binhyen.moderation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** moderation-service's own settings ({@code binhyen.moderation.*}), one mapping, checked at start. */
@ConfigMapping(prefix = "binhyen.moderation")
public interface ModerationConfig {
    /** The profile screening falls back to for a group it has not learned yet. */
    @WithDefault("ward-binh-phuoc")
    String defaultProfile();

    /** Where verdicts are published (the chat bots and zalo-connector read them). */
    String verdictsTopic();

    /** How long the verdicts' producer may take to have a verdict acknowledged. */
    @WithDefault("120s")
    Duration verdictsDeliveryTimeout();

    /** How long a send may block on a full buffer or missing metadata. */
    @WithDefault("60s")
    Duration verdictsMaxBlock();

    /** How often frozen (compromised) accounts are read again; read by its {@code @Scheduled}. */
    @WithDefault("5s")
    Duration frozenRefreshEvery();

    /** How often idle flood counters are dropped; read by its {@code @Scheduled}. */
    @WithDefault("30s")
    Duration floodSweepEvery();

    Stream stream();

    /** The chat-messages stream's workers. */
    interface Stream {
        /** CPU time one record may take before its worker is given up as a runaway. */
        @WithDefault("1s")
        Duration recordCpuBudget();

        /** Runaway workers still computing before liveness goes down. */
        @WithDefault("2")
        int maxRunaways();
    }
}
