"""What the livemig kernel promises beyond the protocol: state across cells, interrupt, magics, errors without
kernel frames, refusing badly signed messages, binding where the connection file says, no orphan."""
import json
import os
import signal
import subprocess
import sys
import shutil
import tempfile
import textwrap
import time
import unittest
import zipfile

import jupyter_client
from jupyter_client.session import Session

import kernel_client as k

HERE = os.path.dirname(os.path.abspath(__file__))
WEB_VM = ("def web = vm('web') { memory 1.GiB; profile { s 8822; sNew 2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533; "
          "mw 119435 } }")


class KernelBehaviour(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = k.start()

    @classmethod
    def tearDownClass(cls):
        k.stop(cls.km, cls.kc)

    def ok(self, code):
        reply, outputs = k.run(self.kc, code)
        self.assertEqual(reply["status"], "ok", f"{code!r} failed: {k.errors(outputs)}")
        return outputs

    def test_state_survives_across_cells(self):
        self.ok("def total = 40\nint bonus = 2\nuntyped = 'u'")
        self.ok("def twice(n) { n * 2 }")
        self.ok("class Pair { int a; int b; int sum() { a + b } }")
        self.ok("import java.util.concurrent.atomic.AtomicInteger")
        out = self.ok("total + bonus + twice(0) + new Pair(a: 0, b: 0).sum() + new AtomicInteger(0).get()")
        self.assertEqual(k.result_text(out), "42")
        self.assertEqual(k.result_text(self.ok("untyped")), "u")
        self.assertEqual(k.result_text(self.ok("twice(total)")), "80")

    def test_declaration_shows_nothing_and_expression_shows_its_value(self):
        self.assertIsNone(k.result_text(self.ok("def quiet = 1")))
        self.assertEqual(k.result_text(self.ok("[a: 1]")), "[a:1]")

    def test_livemig_result_shows_table_and_chart_together(self):
        self.ok(WEB_VM)
        out = self.ok("predict web, at: 100.MBps, on: xen()")
        data = [c for kind, c in out if kind == "execute_result"][0]["data"]
        self.assertIn("<table", data["text/html"])
        self.assertIn("<svg", data["text/html"])
        self.assertIn("text/plain", data)
        # one image per chart: the SVG inlined in the HTML is not sent again, and no PNG unless asked for
        self.assertNotIn("image/svg+xml", data)
        self.assertNotIn("image/png", data)
        png = [c for kind, c in self.ok("display(predict(web, at: 100.MBps, on: xen()), 'image/png')") if kind == "display_data"]
        self.assertTrue(png[0]["data"]["image/png"].startswith("iVBOR"))  # base64 of the PNG signature

    def test_big_table_is_capped_in_html(self):
        out = self.ok("Table.create('big', IntColumn.create('n', (1..5000) as int[]))")
        data = [c for kind, c in out if kind == "execute_result"][0]["data"]
        self.assertIn("more rows", data["text/html"])
        self.assertLess(data["text/html"].count("<tr"), 200)

    def test_show_in_the_dsl_displays_mid_cell(self):
        self.ok(WEB_VM)
        out = self.ok("show(web.profile)\n'after'")
        self.assertEqual([kind for kind, _ in out], ["display_data", "execute_result"])

    def test_dsl_error_names_the_verb_and_the_cell_line(self):
        reply, out = k.run(self.kc, "def n = 3\npredict n")
        error = k.errors(out)[0]
        self.assertIn("predict(): expected a vm", error["evalue"])
        self.assertRegex("\n".join(error["traceback"]), r"cell \[\d+\], line 2")

    def test_gstring_results_show_as_text(self):
        self.assertEqual(k.result_text(self.ok('def n = 55\n"$n workloads"')), "55 workloads")

    def test_display_mid_cell(self):
        out = self.ok("display('first'); println 'between'; 'last'")
        kinds = [kind for kind, _ in out]
        self.assertEqual(kinds, ["display_data", "stream", "execute_result"])

    def interrupt_after_start(self, code):
        msg_id = self.kc.execute(code)
        deadline = time.time() + 30
        while time.time() < deadline:  # wait until the kernel is busy with this cell
            msg = self.kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        time.sleep(0.5)
        self.km.interrupt_kernel()
        reply = k.shell_reply(self.kc, msg_id, timeout=30)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertEqual(k.result_text(self.ok("1 + 1")), "2")

    def test_interrupt_stops_a_busy_loop(self):
        self.interrupt_after_start("long n = 0\nwhile (true) { n++ }")

    def test_interrupt_stops_thread_sleep(self):
        self.interrupt_after_start("Thread.sleep(600000)")

    def test_interrupt_stops_groovy_sleep(self):
        self.interrupt_after_start("sleep(600000)")

    def test_interrupt_stops_java_code_that_ignores_interrupts(self):
        # a huge power runs for minutes inside java.math, which never checks the interrupt flag
        self.interrupt_after_start("java.math.BigInteger.valueOf(7).pow(200000000).bitLength()")

    def test_runtime_error_names_the_cell_line_without_kernel_frames(self):
        reply, out = k.run(self.kc, "def boom() { throw new IllegalArgumentException('rate must be > 0, got 0 B/s') }\n\nboom()")
        self.assertEqual(reply["status"], "error")
        error = k.errors(out)[0]
        self.assertEqual(error["ename"], "IllegalArgumentException")
        self.assertEqual(error["evalue"], "line 1: rate must be > 0, got 0 B/s")
        trace = "\n".join(error["traceback"])
        self.assertRegex(trace, r"cell \[\d+\], line 1 in boom\(\)")
        self.assertRegex(trace, r"cell \[\d+\], line 3")
        for kernel_frame in ("io.livemig.kernel", "org.dflib", "org.codehaus.groovy", "java.lang.reflect", "Thread.run"):
            self.assertNotIn(kernel_frame, trace)

    def test_compile_error_names_line_and_column(self):
        reply, out = k.run(self.kc, "def a = 1\ndef b = a +* 2")
        self.assertEqual(reply["status"], "error")
        error = k.errors(out)[0]
        self.assertEqual(error["ename"], "CompilationError")
        self.assertRegex(error["evalue"], r"^line 2, column \d+: ")
        self.assertIn("def b = a +* 2", "\n".join(error["traceback"]))

    def test_lsmagic_lists_the_magics(self):
        text = k.result_text(self.ok("%lsmagic"))
        for magic in ("%classpath", "%load", "%maven", "%time", "%%time"):
            self.assertIn(magic, text)

    def test_time_prints_wall_time_and_keeps_the_value(self):
        out = self.ok("%time 20 + 22")
        self.assertEqual(k.result_text(out), "42")
        self.assertRegex(k.stdout(out), r"Wall time: \d+\.\d ms")
        out = self.ok("%%time\ndef timedCell = 6\ntimedCell * 7")
        self.assertEqual(k.result_text(out), "42")
        self.assertEqual(k.result_text(self.ok("timedCell")), "6")

    def test_load_runs_a_file_in_the_notebook_binding(self):
        with tempfile.NamedTemporaryFile("w", suffix=".groovy", delete=False) as f:
            f.write("def loadedValue = 21\ndef doubled(x) { 2 * x }\ndoubled(loadedValue)\n")
        try:
            out = self.ok(f"%load {f.name}")
            self.assertEqual(k.result_text(out), "42")
            self.assertEqual(k.result_text(self.ok("doubled(loadedValue)")), "42")
        finally:
            os.unlink(f.name)

    def test_classpath_adds_a_jar(self):
        folder = tempfile.mkdtemp()
        jar = os.path.join(folder, "greeter.jar")
        try:
            with zipfile.ZipFile(jar, "w") as z:
                z.writestr("demo/Greeter.groovy", "package demo\nclass Greeter { static String hi(String n) { 'hi ' + n } }\n")
            self.ok(f"%classpath {jar}")
            self.assertEqual(k.result_text(self.ok("demo.Greeter.hi('jar')")), "hi jar")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def test_classpath_rejects_a_missing_jar(self):
        reply, out = k.run(self.kc, "%classpath /no/such/file.jar")
        self.assertEqual(reply["status"], "error")
        self.assertIn("no such jar or directory", k.errors(out)[0]["evalue"])

    def test_maven_resolves_from_coordinates(self):
        # picocli is a build dependency of livemig, so it is in the local repository even offline
        out = self.ok("%maven info.picocli:picocli:4.7.7")
        self.assertIn("picocli-4.7.7.jar", k.stdout(out))

    def test_maven_fails_clearly_for_an_unknown_artifact(self):
        reply, out = k.run(self.kc, "%maven no.such.group:no-such-artifact:0.0.1", timeout=180)
        self.assertEqual(reply["status"], "error")
        self.assertIn("could not resolve no.such.group:no-such-artifact:0.0.1", k.errors(out)[0]["evalue"])

    def test_completion_knows_variables_and_members(self):
        self.ok("def migrationRate = 'fast'")
        self.kc.complete("migrationR")
        self.assertIn("migrationRate", self.kc.get_shell_msg(timeout=10)["content"]["matches"])
        self.kc.complete("migrationRate.toUpperC")
        self.assertEqual(self.kc.get_shell_msg(timeout=10)["content"]["matches"], ["toUpperCase"])

    def test_inspect_shows_type_and_value(self):
        self.ok("def inspected = [1, 2, 3]")
        self.kc.inspect("inspected", 9)
        reply = self.kc.get_shell_msg(timeout=10)["content"]
        self.assertTrue(reply["found"])
        self.assertIn("java.util.ArrayList (3 elements)", reply["data"]["text/plain"])
        self.assertIn("[1, 2, 3]", reply["data"]["text/plain"])

    def test_message_with_bad_signature_is_refused(self):
        info = self.km.get_connection_info(session=False)
        forged = Session(key=b"not-the-key", signature_scheme=info["signature_scheme"])
        import zmq
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
        try:
            forged.send(sock, "execute_request", {"code": "forgedRan = true", "silent": False, "store_history": True,
                                                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            self.assertEqual(sock.poll(2000), 0, "the kernel answered a forged message")
        finally:
            sock.close(linger=0)
        reply, out = k.run(self.kc, "binding.hasVariable('forgedRan')")
        self.assertEqual(k.result_text(out), "false")

    def test_binds_only_where_the_connection_file_says(self):
        info = self.km.get_connection_info(session=False)
        ports = {info[p] for p in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
        pid = self.km.provisioner.process.pid if getattr(self.km, "provisioner", None) else self.km.kernel.pid
        listening = listening_sockets(pid)
        self.assertTrue(listening, "found no listening socket of the kernel")
        for ip, port in listening:
            self.assertEqual(ip, info["ip"])
            self.assertIn(port, ports)


def listening_sockets(pid):
    """(ip, port) of TCP sockets the process listens on, from /proc (Linux)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6"):
        with open(f"/proc/{pid}/net/{table}") as f:
            next(f)
            for line in f:
                cols = line.split()
                local, state, inode = cols[1], cols[3], cols[9]
                if state != "0A" or inode not in inodes:
                    continue
                hex_ip, hex_port = local.split(":")
                if len(hex_ip) == 32 and hex_ip.startswith("0000000000000000FFFF0000"):
                    hex_ip = hex_ip[24:]  # an IPv4-mapped IPv6 address
                if len(hex_ip) == 8:
                    ip = ".".join(str(int(hex_ip[i:i + 2], 16)) for i in (6, 4, 2, 0))
                else:
                    ip = hex_ip
                found.append((ip, int(hex_port, 16)))
    return found


class InterruptFirstCell(unittest.TestCase):
    def test_interrupt_reaches_the_first_cell_even_while_groovy_is_still_loading(self):
        km, kc = k.start()
        try:
            msg_id = kc.execute("while (true) { }")
            time.sleep(0.5)
            km.interrupt_kernel()
            reply = k.shell_reply(kc, msg_id, timeout=60)
            self.assertEqual(reply["status"], "error")
            self.assertEqual(reply["ename"], "Interrupted")
            self.assertEqual(k.result_text(k.run(kc, "1 + 1")[1]), "2")
        finally:
            k.stop(km, kc)


class NoOrphan(unittest.TestCase):
    def test_kernel_exits_when_its_parent_dies(self):
        pid_file = tempfile.mktemp()
        connection_file = None
        parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {HERE!r})
            import kernel_client as k
            km, kc = k.start()
            pid = km.provisioner.process.pid if getattr(km, 'provisioner', None) else km.kernel.pid
            open({pid_file!r}, 'w').write(str(pid) + ' ' + km.connection_file)
            time.sleep(600)
        """)])
        try:
            deadline = time.time() + 60
            while not (os.path.exists(pid_file) and open(pid_file).read()) and time.time() < deadline:
                time.sleep(0.2)
            kernel_pid_text, connection_file = open(pid_file).read().split(" ", 1)
            kernel_pid = int(kernel_pid_text)
            self.assertTrue(alive(kernel_pid))
            parent.send_signal(signal.SIGKILL)
            parent.wait()
            deadline = time.time() + 30
            while alive(kernel_pid) and time.time() < deadline:
                time.sleep(0.2)
            self.assertFalse(alive(kernel_pid), "the kernel outlived the process that started it")
        finally:
            if parent.poll() is None:
                parent.kill()
            if os.path.exists(pid_file):
                os.unlink(pid_file)
            # the killed parent never removed its connection file
            if connection_file and os.path.exists(connection_file):
                os.unlink(connection_file)


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


if __name__ == "__main__":
    unittest.main(verbosity=2)
