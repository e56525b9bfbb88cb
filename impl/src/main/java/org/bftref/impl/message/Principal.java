package org.bftref.impl.message;

/**
 * Who signs a message: a replica (0 .. n-1; the primary of view v is v mod n) or a client. The two id spaces
 * are separate, which is why a principal is more than an int.
 */
public sealed interface Principal permits Principal.Replica, Principal.Client {

    int id();

    record Replica(int id) implements Principal {
        public Replica {
            if (id < 0) {
                throw new IllegalArgumentException("replica id must be >= 0: " + id);
            }
        }

        @Override
        public String toString() {
            return "replica " + id;
        }
    }

    record Client(int id) implements Principal {
        public Client {
            if (id < 0) {
                throw new IllegalArgumentException("client id must be >= 0: " + id);
            }
        }

        @Override
        public String toString() {
            return "client " + id;
        }
    }

    static Replica replica(int id) {
        return new Replica(id);
    }

    static Client client(int id) {
        return new Client(id);
    }
}
