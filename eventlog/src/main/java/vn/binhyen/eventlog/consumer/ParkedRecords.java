package vn.binhyen.eventlog.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.binhyen.contracts.EventHeaders;

/**
 * Records a consumer could not handle, kept in {@code parked_record} (eventlog's migration V3) with
 * the error and the record's bytes, once per consumer and record however often it comes again.
 */
public final class ParkedRecords {
    /** An error is kept up to this many characters (a parser's message can quote much of its input). */
    static final int ERROR_CHARS = 4000;

    private ParkedRecords() {
    }

    /** Parks {@code r} for {@code consumer} on {@code c}'s transaction; returns whether it was new. */
    public static boolean park(Connection c, String consumer, ConsumerRecord<String, byte[]> r, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into parked_record (consumer, topic, partition, "
                + "kafka_offset, event_id, event_type, error, record) values (?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing")) {
            String text = String.valueOf(error);
            ps.setString(1, consumer);
            ps.setString(2, r.topic());
            ps.setInt(3, r.partition());
            ps.setLong(4, r.offset());
            ps.setString(5, EventConsumer.header(r, EventHeaders.EVENT_ID));
            ps.setString(6, EventConsumer.header(r, EventHeaders.EVENT_TYPE));
            ps.setString(7, text.length() > ERROR_CHARS ? text.substring(0, ERROR_CHARS) : text);
            ps.setBytes(8, r.value());
            return ps.executeUpdate() == 1;
        }
    }
}
