package vn.binhyen.report.domain;

/** No report with that id. */
public final class UnknownReportException extends RuntimeException {
    public UnknownReportException(String message) {
        super(message);
    }
}
