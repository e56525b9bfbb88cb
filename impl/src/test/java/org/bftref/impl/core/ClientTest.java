package org.bftref.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Principal;
import org.junit.jupiter.api.Test;

/** OSDI 1999, section 4.1: the client waits for f+1 matching replies. */
class ClientTest {

    private final Config config = Config.of(4, 1);
    private final Client client = new Client(config, 5, TestCluster.signer(Principal.client(5)));

    private List<Effect> reply(int replica, String result) {
        return client.step(new Input.Deliver(TestCluster.signer(Principal.replica(replica))
                .sign(new Reply(0, 1, 5, result, replica))));
    }

    private static boolean completed(List<Effect> effects, String result) {
        return effects.stream().anyMatch(e -> e instanceof Effect.Completed c && c.result().equals(result));
    }

    @Test
    void section41_theRequestGoesToThePrimaryAndTheResultNeedsFPlusOneMatchingReplies() {
        List<Effect> sent = client.submit("put x");
        assertTrue(sent.stream().anyMatch(e -> e instanceof Effect.Send s && s.to().equals(Principal.replica(0))));

        assertTrue(!completed(reply(2, "ok"), "ok"), "one reply may come from the faulty replica");
        assertTrue(completed(reply(3, "ok"), "ok"));
        assertTrue(!client.busy());
    }

    @Test
    void section41_aFaultyReplicaRepeatingAWrongResultCannotMakeItAccepted() {
        client.submit("put x");
        assertTrue(!completed(reply(1, "forged"), "forged"));
        assertEquals(DropReason.DUPLICATE, ((Effect.Dropped) reply(1, "forged").get(0)).reason());
        assertTrue(!completed(reply(2, "ok"), "ok"));
        assertTrue(completed(reply(3, "ok"), "ok"));
    }

    @Test
    void section41_withoutAResultInTimeTheClientMulticastsItsRequest() {
        client.submit("put x");
        List<Effect> retry = client.step(new Input.TimerExpired(Timer.CLIENT_RETRY));
        assertTrue(retry.stream().anyMatch(e -> e instanceof Effect.Broadcast b
                && b.message().message() instanceof Message.Request r && r.operation().equals("put x")));
    }

    @Test
    void section41_aClientGetsItsResultFromTheReplicatedService() {
        TestCluster cluster = new TestCluster(config);
        List<Effect> sent = client.submit("put x");
        Effect.Send toPrimary = (Effect.Send) sent.get(0);
        cluster.deliver(toPrimary.to().id(), toPrimary.message());

        List<Effect> results = cluster.effects(Effect.Send.class).stream()
                .filter(s -> s.to().equals(Principal.client(5)))
                .flatMap(s -> client.step(new Input.Deliver(s.message())).stream())
                .toList();
        assertEquals(1, results.stream().filter(e -> e instanceof Effect.Completed).count());
        assertTrue(completed(results, "ok:put x#1"));
    }
}
