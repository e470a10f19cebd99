package org.causerie.irc;

import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channels between IRC clients: JOIN, NAMES, TOPIC, PRIVMSG, PART, LIST, KICK, MODE and bans. */
class ChannelTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    private IrcWire register(String nick) {
        return IrcWire.registered(server.server().ircPort(), nick);
    }

    @Test
    void joinNamesTopicMessagesAndPart() {
        try (var ann = register("ann"); var bob = register("bob")) {
            ann.play("""
                    > JOIN #tea
                    < :ann!~guest@causerie/guest JOIN #tea
                    < :irc.test 353 ann = #tea :@ann
                    < :irc.test 366 ann #tea :End of /NAMES list
                    > TOPIC #tea :Earl Grey only
                    < :ann!~guest@causerie/guest TOPIC #tea :Earl Grey only
                    """);
            bob.play("""
                    > JOIN #tea
                    < :bob!~guest@causerie/guest JOIN #tea
                    < :irc.test 332 bob #tea :Earl Grey only
                    < :irc.test 353 bob = #tea :@ann bob
                    < :irc.test 366 bob #tea :End of /NAMES list
                    > PRIVMSG #tea :hello ann
                    """);
            ann.play("""
                    < :bob!~guest@causerie/guest JOIN #tea
                    < :bob!~guest@causerie/guest PRIVMSG #tea :hello ann
                    > PRIVMSG #tea :\u0001ACTION waves\u0001
                    """);
            bob.play("""
                    < :ann!~guest@causerie/guest PRIVMSG #tea :\u0001ACTION waves\u0001
                    > PART #tea :off to work
                    < :bob!~guest@causerie/guest PART #tea :off to work
                    > TOPIC #tea
                    < :irc.test 332 bob #tea :Earl Grey only
                    > PRIVMSG #tea :still there?
                    < :irc.test 404 bob #tea :Cannot send to channel (you are not in it)
                    > PART #tea
                    < :irc.test 442 bob #tea :You're not on that channel
                    > JOIN bad
                    < :irc.test 476 bob bad :Bad Channel Mask: a room name starts with # (for example #general)
                    """);
            ann.expect(":bob!~guest@causerie/guest PART #tea :off to work");
            ann.assertQuiet(); // its own messages do not come back without echo-message
        }
    }

    @Test
    void joinSeveralWithKeysAndJoinZero() {
        try (var ann = register("ann"); var bob = register("bob")) {
            ann.play("""
                    > JOIN #a
                    < :ann!~guest@causerie/guest JOIN #a
                    < :irc.test 353 ann = #a :@ann
                    < :irc.test 366 ann #a :End of /NAMES list
                    > MODE #a +k sesame
                    < :ann!~guest@causerie/guest MODE #a +k
                    """);
            bob.play("""
                    > JOIN #a,#b
                    < :irc.test 475 bob #a :Cannot join channel (+k)
                    < :bob!~guest@causerie/guest JOIN #b
                    < :irc.test 353 bob = #b :@bob
                    < :irc.test 366 bob #b :End of /NAMES list
                    > JOIN #a sesame
                    < :bob!~guest@causerie/guest JOIN #a
                    < :irc.test 353 bob = #a :@ann bob
                    < :irc.test 366 bob #a :End of /NAMES list
                    > JOIN 0
                    < :bob!~guest@causerie/guest PART #b
                    < :bob!~guest@causerie/guest PART #a
                    """);
        }
    }

    @Test
    void operatorsKickVoiceAndBan() {
        try (var ann = register("ann"); var bob = register("bob")) {
            ann.play("""
                    > JOIN #den
                    < :ann!~guest@causerie/guest JOIN #den
                    < :irc.test 353 ann = #den :@ann
                    < :irc.test 366 ann #den :End of /NAMES list
                    """);
            bob.send("JOIN #den").expect(":irc.test 366 bob #den :End of /NAMES list");
            bob.play("""
                    > KICK #den ann
                    < :irc.test 482 bob #den :You're not channel operator
                    """);
            ann.play("""
                    < :bob!~guest@causerie/guest JOIN #den
                    > MODE #den +v bob
                    < :ann!~guest@causerie/guest MODE #den +v bob
                    > MODE #den
                    < :irc.test 324 ann #den +
                    > MODE #den +mt
                    < :ann!~guest@causerie/guest MODE #den +m
                    < :ann!~guest@causerie/guest MODE #den +t
                    > MODE #den +x
                    < :irc.test 472 ann x :is unknown mode char to me
                    > KICK #den carl
                    < :irc.test 441 ann carl #den :They aren't on that channel
                    > KICK #den bob :out you go
                    < :ann!~guest@causerie/guest KICK #den bob :out you go
                    > MODE #den +b bob!*@*
                    < :ann!~guest@causerie/guest MODE #den +b bob
                    > MODE #den b
                    < :irc.test 367 ann #den bob!*@*
                    < :irc.test 368 ann #den :End of channel ban list
                    """);
            bob.play("""
                    < :ann!~guest@causerie/guest MODE #den +v bob
                    < :ann!~guest@causerie/guest MODE #den +m
                    < :ann!~guest@causerie/guest MODE #den +t
                    < :ann!~guest@causerie/guest KICK #den bob :out you go
                    > JOIN #den
                    < :irc.test 474 bob #den :Cannot join channel (+b)
                    """);
        }
    }

    @Test
    void listWhoWhoisAwayIsonUserhost() {
        try (var ann = register("ann"); var bob = register("bob")) {
            ann.send("JOIN #tea").expect(":irc.test 366 ann #tea :End of /NAMES list");
            ann.send("TOPIC #tea :brewing").expect(":ann!~guest@causerie/guest TOPIC #tea :brewing");
            bob.play("""
                    > LIST #tea
                    < :irc.test 321 bob Channel :Users  Name
                    < :irc.test 322 bob #tea 1 :brewing
                    < :irc.test 323 bob :End of /LIST
                    > WHO #tea
                    < :irc.test 352 bob #tea ~guest causerie/guest irc.test ann H@ :0 ann Real
                    < :irc.test 315 bob #tea :End of WHO list
                    """);
            ann.play("""
                    > AWAY :lunch
                    < :irc.test 306 ann :You have been marked as being away
                    """);
            bob.play("""
                    > WHOIS ann
                    < :irc.test 311 bob ann ~guest causerie/guest * :ann Real
                    < :irc.test 319 bob ann :@#tea
                    < :irc.test 312 bob ann irc.test :Causerie
                    < :irc.test 301 bob ann :lunch
                    < :irc.test 318 bob ann :End of /WHOIS list
                    > PRIVMSG ann :are you there?
                    < :irc.test 301 bob ann :lunch
                    > ISON ann nobody bob
                    < :irc.test 303 bob :ann bob
                    > USERHOST ann bob
                    < :irc.test 302 bob :ann=-~guest@causerie/guest bob=+~guest@causerie/guest
                    > WHOIS nobody
                    < :irc.test 401 bob nobody :No such nick/channel
                    < :irc.test 318 bob nobody :End of /WHOIS list
                    > PRIVMSG nobody :hello
                    < :irc.test 401 bob nobody :No such nick/channel
                    > MODE bob
                    < :irc.test 221 bob :+i
                    > MODE ann +i
                    < :irc.test 502 bob :Can't change mode for other users
                    """);
            ann.play("""
                    < :bob!~guest@causerie/guest PRIVMSG ann :are you there?
                    > AWAY
                    < :irc.test 305 ann :You are no longer marked as being away
                    """);
        }
    }

    @Test
    void awayNotifyTellsThoseWhoAskedOnceWhateverTheSharedChannels() {
        try (var ann = register("ann"); var bob = IrcWire.connect(server.server().ircPort()); var carl = register("carl")) {
            bob.play("""
                    > CAP REQ away-notify
                    < :irc.test CAP * ACK :away-notify
                    > NICK bob
                    > USER bob 0 * :Bob
                    > CAP END
                    """);
            bob.expect(":irc.test 422 bob :MOTD File is missing");
            for (String room : new String[] {"#a", "#b"}) {
                ann.send("JOIN " + room).expect(":irc.test 366 ann " + room + " :End of /NAMES list");
                bob.send("JOIN " + room).expect(":irc.test 366 bob " + room + " :End of /NAMES list");
                carl.send("JOIN " + room).expect(":irc.test 366 carl " + room + " :End of /NAMES list");
                bob.expect(":carl!~guest@causerie/guest JOIN " + room);
            }
            ann.expect(":carl!~guest@causerie/guest JOIN #b");
            ann.send("AWAY :lunch").expect(":irc.test 306 ann :You have been marked as being away");
            bob.expect(":ann!~guest@causerie/guest AWAY :lunch");
            bob.assertQuiet(); // once, though they share two channels
            ann.send("AWAY").expect(":irc.test 305 ann :You are no longer marked as being away");
            bob.expect(":ann!~guest@causerie/guest AWAY");
            carl.assertQuiet(); // carl did not ask for away-notify
        }
    }

    @Test
    void nickChangeIsToldOnceEvenInSeveralSharedChannels() {
        try (var ann = register("ann"); var bob = register("bob")) {
            for (String room : new String[] {"#a", "#b"}) {
                ann.send("JOIN " + room).expect(":irc.test 366 ann " + room + " :End of /NAMES list");
                bob.send("JOIN " + room).expect(":irc.test 366 bob " + room + " :End of /NAMES list");
            }
            bob.play("""
                    > NICK robert
                    < :bob!~guest@causerie/guest NICK :robert
                    """);
            bob.assertQuiet();
            ann.expect(":bob!~guest@causerie/guest NICK :robert");
            ann.assertQuiet();
            bob.send("QUIT :gone");
            ann.expect(":robert!~guest@causerie/guest QUIT :Quit: gone");
            ann.assertQuiet();
        }
    }
}
