package io.livemig.kernel.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * Replies as the Jupyter messaging protocol (5.3) has them where jjava's differ. Gson serialises the runtime class,
 * so a subclass that adds a field adds it to the message.
 */
public final class Replies {
    private Replies() {}

    /** {@code kernel_info_reply}: jjava's lacks {@code "status": "ok"}, which jupyter_kernel_test checks. */
    public static KernelInfoReply kernelInfo(
            String protocolVersion,
            String name,
            String version,
            LanguageInfo info,
            String banner,
            List<HelpLink> links) {
        return new StatusKernelInfoReply(protocolVersion, name, version, info, banner, links);
    }

    /** {@code history_reply}: with a status, and entries as {@code [session, line, input]} tuples. */
    public static StatusHistoryReply history(List<HistoryEntry> entries) {
        return new StatusHistoryReply(entries);
    }

    /**
     * {@code execute_reply} with {@code payload}: jjava's has none, so a cell cannot open the pager. Each page is a
     * {@code text/plain} text shown in the front end's pager (help), as IPython's {@code ?} does.
     */
    public static ExecuteReply executeOk(int executionCount, List<String> pages) {
        return pages.isEmpty()
                ? new ExecuteReply(executionCount, Collections.emptyMap())
                : new PagedExecuteReply(executionCount, pages);
    }

    static final class StatusKernelInfoReply extends KernelInfoReply {
        @SuppressWarnings("unused") // serialised by gson
        private final String status = "ok";

        StatusKernelInfoReply(
                String protocolVersion,
                String name,
                String version,
                LanguageInfo info,
                String banner,
                List<HelpLink> links) {
            super(protocolVersion, name, version, info, banner, links);
        }
    }

    /** jjava's history reply has no status, and its entries serialise as objects. */
    public static final class StatusHistoryReply implements ContentType<StatusHistoryReply>, ReplyType<HistoryRequest> {
        @SuppressWarnings("unused") // serialised by gson
        private final String status = "ok";

        @SuppressWarnings({"unused", "FieldCanBeLocal"})
        private final List<List<Object>> history = new ArrayList<>();

        StatusHistoryReply(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object input = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), input));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<StatusHistoryReply> getType() {
            return (MessageType<StatusHistoryReply>) (MessageType<?>) MessageType.HISTORY_REPLY;
        }

        @Override
        public MessageType<HistoryRequest> getRequestType() {
            return MessageType.HISTORY_REQUEST;
        }
    }

    static final class PagedExecuteReply extends ExecuteReply {
        @SuppressWarnings({"unused", "FieldCanBeLocal"}) // serialised by gson
        private final List<Map<String, Object>> payload = new ArrayList<>();

        PagedExecuteReply(int executionCount, List<String> pages) {
            super(executionCount, Collections.emptyMap());
            for (String page : pages) {
                payload.add(Map.of("source", "page", "data", Map.of("text/plain", page), "start", 0));
            }
        }
    }
}
