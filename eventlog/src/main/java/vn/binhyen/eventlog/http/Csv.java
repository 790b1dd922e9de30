package vn.binhyen.eventlog.http;

/** RFC 4180 fields for the services' CSV exports (reports, registers). */
public final class Csv {
    private Csv() {
    }

    /** The value as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String v = value.toString();
        boolean needs = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
