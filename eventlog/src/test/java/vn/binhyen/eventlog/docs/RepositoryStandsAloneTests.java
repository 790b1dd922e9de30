package vn.binhyen.eventlog.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone (issue 25): every link in its Markdown points at a file inside it
 * that exists, none at a web page or at the team's documents beside it.
 */
class RepositoryStandsAloneTests {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** {@code [text](target)} and {@code <scheme://…>}; code spans are taken out first. */
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)|<((?:https?|ftp)://[^>]+)>");
    static final Pattern CODE = Pattern.compile("```.*?```|`[^`\\n]*`", Pattern.DOTALL);

    static List<Path> markdown() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> Stream.of("target", ".stack", "node_modules", ".git", ".mvn")
                            .noneMatch(skip -> ROOT.relativize(p).toString().startsWith(skip + "/")
                                    || ROOT.relativize(p).toString().contains("/" + skip + "/")))
                    .toList();
        }
    }

    @Test
    void everyLinkInTheDocs_pointsAtAFileOfTheRepository() throws IOException {
        List<Path> files = markdown();
        assertThat(files).as("the README and docs are found").extracting(p -> ROOT.relativize(p).toString())
                .contains("README.md", "docs/design.md", "docs/regulations.md", "docs/operations.md", "docs/rules.md");
        List<String> outside = new ArrayList<>();
        for (Path file : files) {
            String text = CODE.matcher(Files.readString(file)).replaceAll("");
            if (text.contains("../shared")) {
                outside.add(ROOT.relativize(file) + ": names ../shared");
            }
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1) != null ? m.group(1) : m.group(2);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    outside.add(ROOT.relativize(file) + ": " + target + " (outside the repository)");
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (path.isEmpty()) {
                    continue; // an anchor in the same file
                }
                Path resolved = file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(ROOT)) {
                    outside.add(ROOT.relativize(file) + ": " + target + " (outside the repository)");
                } else if (!Files.exists(resolved)) {
                    outside.add(ROOT.relativize(file) + ": " + target + " (no such file)");
                }
            }
        }
        assertThat(outside).as("links that leave the repository or lead nowhere").isEmpty();
    }
}
