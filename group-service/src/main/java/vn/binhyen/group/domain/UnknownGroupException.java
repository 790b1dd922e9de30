package vn.binhyen.group.domain;

/** A command for a group that was never established (HTTP 404). */
public class UnknownGroupException extends RuntimeException {
    public UnknownGroupException(String what) {
        super(what);
    }
}
