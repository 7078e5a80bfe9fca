"""jupyter_kernel_test's protocol conformance suite against the livemig kernel (every test that applies)."""
import unittest

import jupyter_kernel_test

import kernel_client


PREDICTION = """show predict(vm('web') { memory 1.GiB; profile { s 8822; sNew 2775, 1559; mw 119435 } }, at: 100.MBps, on: xen())"""


class LivemigKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = kernel_client.KERNEL_NAME
    language_name = "groovy"
    file_extension = ".groovy"

    code_hello_world = 'println "hello, world"'
    code_stderr = 'System.err.println "oops"'

    completion_samples = [
        {"text": "def zebraCount = 3; zebraC", "matches": {"zebraCount"}},
        {"text": "'abc'.toUpperC", "matches": {"toUpperCase"}},
    ]
    complete_code_samples = ["1 + 1", "def x = 5", "for (i in 1..3) {\n  println i\n}", "%lsmagic"]
    incomplete_code_samples = ["for (i in 1..3) {", "def f(x) {\n  x *", 'def s = """abc']
    invalid_code_samples = ["1 +* 2", "foo())", "def x = }"]

    code_generate_error = 'throw new IllegalStateException("expected failure")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "[1, 2] + [3]", "result": "[1, 2, 3]"},
        {"code": "'abc'.toUpperCase()", "result": "ABC"},
        {"code": "Table.create('t', IntColumn.create('n', 1, 2, 3))", "mime": "text/html"},
    ]
    code_display_data = [
        {"code": "display('<b>bold</b>', 'text/html')", "mime": "text/html"},
        {"code": "display(html('<b>x</b>'))", "mime": "text/html"},
        {"code": "display(markdown('**x**'))", "mime": "text/markdown"},
        {"code": "display(svg('<svg xmlns=\\'http://www.w3.org/2000/svg\\'/>'))", "mime": "image/svg+xml"},
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB))", "mime": "image/png"},
        {"code": "show Charts.lines('c', 'x', 'y', [new Charts.Series('s', [0d, 1d] as double[], [1d, 2d] as double[])])", "mime": "image/svg+xml"},
        {"code": PREDICTION, "mime": "text/html"},
    ]

    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Integer"

    code_page_something = "help('predict')"

    code_clear_output = "println 'soon gone'; clearOutput()"


if __name__ == "__main__":
    unittest.main(verbosity=2)
