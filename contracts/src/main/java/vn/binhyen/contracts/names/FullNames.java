package vn.binhyen.contracts.names;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import vn.binhyen.contracts.text.Split;

/**
 * Display names must be the full real name (họ và tên), e.g. "Hoàng Mạnh Tùng"
 * (police-song-tri:3.2; ioc-dak-lak:4.3.4), followed by " - " and the position where the
 * profile requires it: "Nguyễn Quốc Luân - Giám đốc Sở Thông tin và Truyền thông"
 * (province-lai-chau:3.2). A name is NFC, at least two words, each word Latin letters
 * (Vietnamese diacritics included) with a capital first letter and the rest lower case.
 */
public final class FullNames {
    private FullNames() {
    }

    /** Empty when {@code name} is acceptable; otherwise why not, in English. */
    public static Optional<String> problem(String name, boolean positionRequired) {
        if (name == null || name.isBlank()) {
            return Optional.of("a full name is required");
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return Optional.of("the name must be Unicode NFC (precomposed Vietnamese letters)");
        }
        String person = name;
        int dash = name.indexOf(" - ");
        if (dash >= 0) {
            person = name.substring(0, dash);
            if (name.substring(dash + 3).isBlank()) {
                return Optional.of("the position after \" - \" is empty");
            }
        } else if (positionRequired) {
            return Optional.of("the name must be followed by \" - \" and the position, e.g. "
                    + "\"Nguyễn Quốc Luân - Giám đốc Sở Thông tin và Truyền thông\"");
        }
        if (!person.equals(person.strip()) || person.contains("  ")) {
            return Optional.of("words are separated by single spaces");
        }
        List<String> words = Split.on(person, ' ', false);
        if (words.size() < 2) {
            return Optional.of("a full name has at least two words (họ và tên)");
        }
        for (String w : words) {
            int first = w.codePointAt(0);
            if (!Character.isUpperCase(first)) {
                return Optional.of("each word starts with a capital letter: \"" + w + "\"");
            }
            for (int i = 0; i < w.length(); ) {
                int cp = w.codePointAt(i);
                if (!Character.isLetter(cp) || Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                    return Optional.of("only letters are allowed in a name: \"" + w + "\"");
                }
                if (i > 0 && !Character.isLowerCase(cp)) {
                    return Optional.of("only the first letter of a word is a capital: \"" + w + "\"");
                }
                i += Character.charCount(cp);
            }
        }
        return Optional.empty();
    }
}
