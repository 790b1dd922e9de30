package vn.binhyen.moderation.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass word streams the screener matches over (ward-binh-phuoc:7.5 evasion; TCVN
 * 6909:2001 keys): for any text, the fast scan (joining spelled-out letters afterwards) gives
 * exactly the words, spans and keys of the general path, and the word automaton finds terms as
 * whole words only.
 */
class TextStreamsTests {
    @ParameterizedTest
    @ValueSource(strings = {
            "Gửi các đ/c tài liệu T.ố.i M.ậ.t về phương án bảo vệ, xem xong xóa ngay.",
            "t u y ệ t  m ậ t, không chia sẻ",
            "M.ậ.t M.ậ.t và t-ố-i m-ậ-t",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k",
            "M.ậ t",
            "M ậ.t",
            "T\u200B.ố.i M.ậ.\u200Bt",
            "TỐI MẬT: k.h.ô.n.g được phát tán",
            "x.y.z 4.b.c m4 a1 b2 c3",
            "B.Á.N H.À.N.G giá rẻ, l.i.ê.n h.ệ",
            "M@.ậ.t và T.ố.@.i, g.i.4.m g.i.á, k h @ n",
            "M@.ậ.t", // a run of one-letter words not all one character long
            "4b3 c d0, x y z",
            "Chào buổi sáng cả nhóm",
            "",
            "...",
    })
    void fastScan_givesTheGeneralPathsWords(String text) {
        TextStreams fast = TextStreams.of(text);
        TextStreams general = TextStreams.from(VietnameseText.of(text));
        assertThat(words(fast)).as(text).isEqualTo(words(general));
        for (int i = 0; i < fast.count(); i++) { // the vocabulary is looked up by this
            char[] key = fast.folded(i).toCharArray();
            assertThat(fast.foldedHash[i]).as("folded hash of " + fast.folded(i))
                    .isEqualTo(Vocabulary.hash(key, 0, key.length));
            assertThat(general.foldedHash[i]).isEqualTo(fast.foldedHash[i]);
        }
    }

    /**
     * The fast scan decides where words start and end without branching on the characters: for
     * thousands of random texts of the characters that change its decisions (letters with and
     * without marks, capitals, look-alikes, digits and signs written for letters, zero-width
     * characters, separators, letters spelled out), it gives the general path's words.
     */
    @Test
    void fastScan_givesTheGeneralPathsWords_forRandomTextsOfTheCharactersThatMatter() {
        String alphabet = "aAmMtTiIoOđĐậẬốỐệưƯ0134@$€ .-_,/\u200B\u00AD\u2060\u0430\u041C\u03BF\n\t";
        java.util.Random random = new java.util.Random(6909);
        TextStreams.Reader reader = new TextStreams.Reader();
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            TextStreams general = TextStreams.from(VietnameseText.of(t));
            assertThat(words(reader.read(t))).as("%s", t.chars().mapToObj(c -> String.format("U+%04X", c)).toList())
                    .isEqualTo(words(general));
        }
    }

    private static List<String> words(TextStreams s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.count(); i++) {
            out.add(s.start(i) + "-" + s.end(i) + " " + s.toned(i) + " " + s.folded(i) + " marked=" + s.marked(i)
                    + " capitals=" + s.capitals(i));
        }
        return out;
    }

    @Test
    void aReaderReused_readsEachTextAsAFreshOne_whateverItReadBefore() {
        String longText = "Gửi các đ/c tài liệu T.ố.i M.ậ.t về phương án bảo vệ, xem xong xóa ngay. ".repeat(40);
        List<String> texts = List.of(longText, "M.ậ.t", "Chào buổi sáng cả nhóm", "",
                java.text.Normalizer.normalize("Tối mật, không chia sẻ", java.text.Normalizer.Form.NFD), "x.y.z 4.b.c",
                longText.toUpperCase(java.util.Locale.ROOT), "T\u200B.ố.i M.ậ.\u200Bt");
        TextStreams.Reader reader = new TextStreams.Reader();
        for (int round = 0; round < 2; round++) {
            for (String text : texts) {
                TextStreams reused = reader.read(text);

                assertThat(reused.original()).isSameAs(text);
                assertThat(words(reused)).as(text).isEqualTo(words(TextStreams.from(VietnameseText.of(text))));
            }
        }
    }

    @Test
    void spelledOutLetters_becomeOneWord_withTheLastTone() {
        TextStreams s = TextStreams.of("xem T.ố.i M.ậ.t nhé");

        assertThat(words(s)).containsExactly(
                "0-3 xem xem marked=false capitals=false",
                "4-9 tôi\u0301 toi marked=true capitals=false",
                "10-15 mât\u0323 mat marked=true capitals=false",
                "16-19 nhe\u0301 nhe marked=true capitals=false");
    }

    @Test
    void termAutomata_findTermsAsWholeWords_overlappingOnesToo() {
        TermAutomata<String> terms = new TermAutomata<>(Map.of(
                VietnameseText.tonedKey("tối mật"), "classified",
                VietnameseText.tonedKey("tài liệu tối mật"), "classified-document",
                VietnameseText.tonedKey("mật"), "marking"), Map.of());
        List<String> found = new ArrayList<>();

        terms.match(TextStreams.of("Gửi tài liệu TỐI MẬT, không phải mật khẩu, mậtong hay tốimật"),
                (first, last, term) -> found.add(first + ".." + last + " " + term));

        assertThat(found).containsExactlyInAnyOrder("1..4 classified-document", "3..4 classified", "4..4 marking",
                "7..7 marking");
    }

    @Test
    void aTermByItsTonedKey_isFoundOnlyWithItsDiacritics_andAByFoldedKeyWithOrWithout() {
        TermAutomata<String> terms = new TermAutomata<>(Map.of(VietnameseText.tonedKey("tối mật"), "strict"),
                Map.of(VietnameseText.foldedKey("giảm giá"), "folded"));

        assertThat(found(terms, "TÀI LIỆU TỐI MẬT")).containsExactly("strict");
        assertThat(found(terms, "T.ố.i M.ậ.t")).containsExactly("strict");
        assertThat(found(terms, "tôi mất ví, toi mat vi, tối mát")).isEmpty();
        assertThat(found(terms, "giảm giá, giam gia, GIẢM GÍA")).containsExactly("folded", "folded", "folded");
    }

    private static List<String> found(TermAutomata<String> terms, String text) {
        List<String> found = new ArrayList<>();
        terms.match(TextStreams.of(text), (first, last, term) -> found.add(term));
        return found;
    }

    @Test
    void aTonedKeyFolds_toTheFoldedKey_forEveryWordOfEveryShippedTerm_andATypedDigitIsNoTone() {
        // TermAutomata finds a toned term where its folded key is: this must hold for every word
        var lists = vn.binhyen.moderation.config.Policies.termLists().lists().values();
        int words = 0;
        for (var list : lists) {
            for (var terms : List.of(list.terms(), list.strict(), list.stamps(), list.exceptions())) {
                for (String term : terms) {
                    for (var w : VietnameseText.of(term).words()) {
                        assertThat(VietnameseText.fold(w.toned())).as(term).isEqualTo(w.folded());
                        words++;
                    }
                }
            }
        }
        assertThat(words).isGreaterThan(300);
        assertThat(VietnameseText.tonedKey("ma2")).isNotEqualTo(VietnameseText.tonedKey("mà"));
        assertThat(VietnameseText.tonedKey("hoà")).isEqualTo(VietnameseText.tonedKey("hòa"));
    }

    @Test
    void aWordNoTermUses_isNumberZero_andAWordTooLongIsNotLookedUp() {
        Vocabulary words = new Vocabulary();
        char mat = words.add("mât5");

        assertThat(words.add("mât5")).isEqualTo(mat);
        assertThat(words.id("xmât5".toCharArray(), 1, 5)).isEqualTo(mat);
        assertThat(words.id("mât".toCharArray(), 0, 3)).isEqualTo((char) 0);
        assertThat(words.id("mât5mât5".toCharArray(), 0, 8)).isEqualTo((char) 0);
        assertThat(words.size()).isEqualTo(1);
    }
}
