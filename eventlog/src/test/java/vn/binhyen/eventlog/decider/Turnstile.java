package vn.binhyen.eventlog.decider;

import java.util.List;

/** A tiny aggregate for testing the decider kit: a turnstile that admits up to its capacity. */
final class Turnstile {
    sealed interface Command {
        record Install(int capacity) implements Command {
        }

        record Admit(String visitor) implements Command {
        }
    }

    sealed interface Event {
        record Installed(int capacity) implements Event {
        }

        record Admitted(String visitor, int count) implements Event {
        }
    }

    sealed interface State {
        record None() implements State {
        }

        record Open(int capacity, int count) implements State {
        }
    }

    static final Decider<Command, State, Event> DECIDER = new Decider<>() {
        @Override
        public State initialState() {
            return new State.None();
        }

        @Override
        public List<Event> decide(Command command, State state) {
            return switch (command) {
                case Command.Install i when state instanceof State.None -> List.of(new Event.Installed(i.capacity()));
                case Command.Install i -> throw new RuleViolation("sample:1", "already installed");
                case Command.Admit a when state instanceof State.Open o && o.count() < o.capacity() ->
                        List.of(new Event.Admitted(a.visitor(), o.count() + 1));
                case Command.Admit a when state instanceof State.Open -> throw new RuleViolation("sample:2.1",
                        "visitor", "capacity reached");
                case Command.Admit a -> throw new RuleViolation("sample:1", "not installed");
            };
        }

        @Override
        public State evolve(State state, Event event) {
            return switch (event) {
                case Event.Installed i -> new State.Open(i.capacity(), 0);
                case Event.Admitted a when state instanceof State.Open o -> new State.Open(o.capacity(), a.count());
                case Event.Admitted a -> state;
            };
        }
    };

    /** Admitted was at schema 1 {"name": ...}; schema 2 renamed it to visitor and added count. */
    static final EventCodec<Event> CODEC = EventCodec.builder(Event.class)
            .register("TurnstileInstalled", 1, Event.Installed.class)
            .register("VisitorAdmitted", 2, Event.Admitted.class)
            .upcast("VisitorAdmitted", 1, p -> {
                p.set("visitor", p.remove("name"));
                p.put("count", 0);
                return p;
            })
            .build();

    private Turnstile() {
    }
}
