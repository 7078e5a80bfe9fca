package io.livemig.kernel.channel;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/** The inputs of this session, for {@code history_request} (tail, range and glob search; session 0 only). */
public final class History implements HistoryManager {
    private final List<HistoryEntry> entries = new ArrayList<>();
    private final Map<Integer, String> outputs = new java.util.HashMap<>();

    public synchronized void add(int cellNumber, String input) {
        entries.add(new HistoryEntry(0, cellNumber, input, null));
    }

    /** Answers a {@code history_request}: tail, range or glob search, with outputs when asked for. */
    public Replies.StatusHistoryReply reply(HistoryRequest request) {
        Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case TAIL:
                entries = lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
                break;
            case RANGE:
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                entries = lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
                break;
            default:
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(ResultFlag.UNIQUE);
                }
                entries = search(search.getPattern(), search.getMaxReturnLength(), flags);
        }
        return Replies.history(entries);
    }

    /** Records the text of a cell's result, returned when a client asks for output too. */
    public synchronized void output(int cellNumber, String text) {
        outputs.put(cellNumber, text);
    }

    private List<HistoryEntry> shaped(List<HistoryEntry> found, Set<ResultFlag> flags) {
        if (!flags.contains(ResultFlag.INCLUDE_OUTPUT)) {
            return found;
        }
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : found) {
            out.add(new HistoryEntry(
                    e.getSession(), e.getCellNumber(), e.getInput(), outputs.getOrDefault(e.getCellNumber(), "")));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(0, length));
        return shaped(new ArrayList<>(entries.subList(from, entries.size())), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(
            int sessionOffset, int startCell, int endCell, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        if (sessionOffset != 0) {
            return out;
        }
        for (HistoryEntry entry : entries) {
            if (entry.getCellNumber() >= startCell && (endCell <= 0 || entry.getCellNumber() < endCell)) {
                out.add(entry);
            }
        }
        return shaped(out, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = Pattern.compile(globToRegex(pattern == null ? "*" : pattern), Pattern.DOTALL);
        Map<String, HistoryEntry> unique = new LinkedHashMap<>();
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            if (glob.matcher(entry.getInput()).matches()) {
                if (flags.contains(ResultFlag.UNIQUE)) {
                    unique.remove(entry.getInput());
                    unique.put(entry.getInput(), entry);
                } else {
                    out.add(entry);
                }
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            out.addAll(unique.values());
        }
        int from = length > 0 ? Math.max(0, out.size() - length) : 0;
        return shaped(new ArrayList<>(out.subList(from, out.size())), flags);
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
