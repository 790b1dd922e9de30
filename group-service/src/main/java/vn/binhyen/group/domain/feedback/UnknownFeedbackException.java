package vn.binhyen.group.domain.feedback;

/** No feedback with that id: answered 404, like an unknown group. */
public class UnknownFeedbackException extends RuntimeException {
    public UnknownFeedbackException(String message) {
        super(message);
    }
}
