"""Issue 14's promises, through a real jupyter_client: no output is lost and the cell always goes idle, user code
cannot end the kernel, display helpers, inspection and completion that a data scientist expects, short errors."""
import os
import re
import time
import unittest

import kernel_client as k

WEB_VM = ("def web = vm('web') { memory 1.GiB; profile { s 8822; sNew 2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533; "
          "mw 119435 } }")


class KernelRobustness(unittest.TestCase):
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

    def error(self, code):
        reply, outputs = k.run(self.kc, code)
        self.assertEqual(reply["status"], "error", f"{code!r} should fail")
        return k.errors(outputs)[0]

    def complete(self, code):
        self.kc.complete(code)
        return self.kc.get_shell_msg(timeout=30)["content"]["matches"]

    def inspect(self, code, at=None):
        self.kc.inspect(code, len(code) if at is None else at)
        reply = self.kc.get_shell_msg(timeout=30)["content"]
        self.assertEqual(reply["status"], "ok")
        self.assertTrue(reply["found"], f"inspect {code!r} found nothing")
        return reply["data"]["text/plain"]

    # ---- output --------------------------------------------------------------------------------------------

    def test_a_hundred_thousand_printed_lines_all_arrive_in_order_and_the_cell_goes_idle(self):
        started = time.time()
        # k.run returns only once the cell's idle status arrived (its timeout fails the test otherwise)
        reply, out = k.run(self.kc, "for (int i = 0; i < 100000; i++) { println \"line $i\" }\n'done'", timeout=120)
        elapsed = time.time() - started
        self.assertEqual(reply["status"], "ok")
        lines = k.stdout(out).splitlines()
        self.assertEqual(len(lines), 100000)
        self.assertEqual(lines[0], "line 0")
        self.assertEqual(lines[-1], "line 99999")
        self.assertEqual(lines, [f"line {i}" for i in range(100000)])
        streams = sum(1 for kind, _ in out if kind == "stream")
        self.assertLess(streams, 1000, "stream output should be batched, not one message per line")
        self.assertEqual(out[-1][0], "execute_result", "printed text must come before the result")
        print(f"\n100000 lines: {streams} stream messages, idle after {elapsed:.2f} s (not asserted)")

    def test_stderr_and_unicode_survive_batching(self):
        out = self.ok("System.err.println 'warn'\nprintln 'π ≈ 3.14159 — ünïcödé ✓'\n" * 3 + "null")
        self.assertEqual(k.stdout(out), "π ≈ 3.14159 — ünïcödé ✓\n" * 3)
        err = "".join(c["text"] for kind, c in out if kind == "stream" and c["name"] == "stderr")
        self.assertEqual(err, "warn\n" * 3)

    def test_printed_lines_and_displays_keep_their_order(self):
        out = self.ok("println 'a'\ndisplay('b')\nprintln 'c'\nnull")
        kinds = [(kind, c.get("text") or c.get("data", {}).get("text/plain")) for kind, c in out]
        self.assertEqual(kinds, [("stream", "a\n"), ("display_data", "b"), ("stream", "c\n")])

    # ---- user code cannot end the kernel -------------------------------------------------------------------

    def test_system_exit_fails_the_cell_and_keeps_every_variable(self):
        self.ok("kept = 41")
        for code in ("System.exit(0)", "def s = System\ns.exit(1)", "Runtime.runtime.halt(0)",
                     "Runtime.getRuntime().exit(2)", "[1].each { System.exit(3) }",
                     "@groovy.transform.CompileStatic\nvoid quit() { System.exit(4) }\nquit()"):
            error = self.error(code)
            self.assertEqual(error["ename"], "SystemExit", code)
            self.assertIn("would end the kernel", error["evalue"])
        self.assertEqual(k.result_text(self.ok("kept + 1")), "42")

    # ---- display helpers -----------------------------------------------------------------------------------

    def test_display_returns_nothing_visible_and_helpers_set_their_mime_type(self):
        out = self.ok("display(html('<b>x</b>'))")
        self.assertEqual([kind for kind, _ in out], ["display_data"])
        self.assertEqual(out[0][1]["data"]["text/html"], "<b>x</b>")
        self.assertIn("# Title", k.run(self.kc, "markdown('# Title')")[1][0][1]["data"]["text/markdown"])
        svg = self.ok("svg('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>')")[0][1]["data"]
        self.assertTrue(svg["image/svg+xml"].startswith("<svg"))
        png = self.ok("image(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB))")[0][1]["data"]
        self.assertTrue(png["image/png"].startswith("iVBOR"))
        handle = self.ok("h = display('first')\nh.update('second')\nnull")
        self.assertEqual([kind for kind, _ in handle], ["display_data"])

    def test_a_bad_svg_is_a_one_line_error(self):
        self.assertIn("svg(): expected an SVG document", self.error("svg('not svg')")["evalue"])

    # ---- inspection and completion -------------------------------------------------------------------------

    def test_inspection_knows_script_methods_class_methods_cell_methods_and_record_accessors(self):
        self.assertIn("println(Object)", self.inspect("println"))
        self.assertIn("max(int, int) -> int", self.inspect("Math.max"))
        self.ok("def twice(int n) { n * 2 }")
        self.assertIn("twice(int) -> Object", self.inspect("twice"))
        self.ok(WEB_VM + "\np = predict web, at: 100.MBps, on: xen()")
        text = self.inspect("p.migrationSeconds()", len("p.migrationSeconds"))
        self.assertIn("migrationSeconds() -> double", text)
        self.assertRegex(text, r"= \d+\.\d+")

    def test_completion_of_classes_units_and_members_without_groovy_internals(self):
        self.assertIn("String", self.complete("new Strin"))
        self.assertIn("StringBuilder", self.complete("def b = new Strin"))
        units = self.complete("100.M")
        for unit in ("MB", "MBps", "MiB", "MiBps", "Mbps"):
            self.assertIn(unit, units)
        self.assertIn("s", self.complete("10.s"))
        self.ok(WEB_VM)
        members = self.complete("web.")
        self.assertIn("profile", members)
        for internal in ("getMetaClass", "invokeMethod", "identity", "with", "metaClass", "wait", "hashCode"):
            self.assertNotIn(internal, members)
        self.assertLess(len(members), 30, members)

    # ---- errors --------------------------------------------------------------------------------------------

    def test_a_negative_named_argument_says_what_and_where(self):
        self.ok(WEB_VM)
        error = self.error("def x = 1\npredict web, at: -5.MBps, on: xen()")
        self.assertEqual(error["evalue"], "line 2: -5 MB/s: a rate cannot be negative; expected a rate such as 5 MB/s")
        self.assertNotIn("No signature", "\n".join(error["traceback"]))

    def test_deep_recursion_is_folded(self):
        error = self.error("def down(n) { down(n + 1) }\ndown(0)")
        self.assertEqual(error["ename"], "StackOverflowError")
        trace = error["traceback"]
        self.assertLess(len(trace), 20, "\n".join(trace))
        self.assertRegex("\n".join(trace), r"repeated \d+ more times")

    def test_dsl_errors_show_no_internal_frames(self):
        error = self.error("def n = 3\npredict n")
        trace = "\n".join(error["traceback"])
        self.assertNotIn("io.livemig.", trace)
        self.assertRegex(trace, r"cell \[\d+\], line 2")

    # ---- the README's example cell -------------------------------------------------------------------------

    def test_the_readme_kernel_example_runs_line_by_line(self):
        root = os.environ.get("LIVEMIG_ROOT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
        readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
        block = re.search(r"In a cell:\n\n```groovy\n(.*?)```", readme, re.S).group(1)
        lines = [line for line in block.splitlines() if line.strip()]
        self.assertGreaterEqual(len(lines), 5)
        for line in lines:
            self.ok(line)


if __name__ == "__main__":
    unittest.main(verbosity=2)
