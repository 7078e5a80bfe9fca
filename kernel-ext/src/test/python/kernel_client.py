"""Helpers shared by the kernel's real-client tests: start the livemig kernel, run cells, collect outputs."""
import os
import queue
import jupyter_client

KERNEL_NAME = os.environ.get("LIVEMIG_KERNEL_NAME", "livemig")


def start():
    """Start the kernel found on JUPYTER_PATH; returns (manager, client) with the client ready."""
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def run(kc, code, timeout=60):
    """Execute code; returns (reply content, list of (msg_type, content)) for this request only."""
    msg_id = kc.execute(code)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind in ("stream", "execute_result", "display_data", "error"):
            outputs.append((kind, msg["content"]))
    return shell_reply(kc, msg_id, timeout), outputs


def shell_reply(kc, msg_id, timeout=60):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def result_text(outputs):
    for kind, content in outputs:
        if kind == "execute_result":
            return content["data"].get("text/plain")
    return None


def stdout(outputs):
    return "".join(c["text"] for k, c in outputs if k == "stream" and c["name"] == "stdout")


def errors(outputs):
    return [c for k, c in outputs if k == "error"]
