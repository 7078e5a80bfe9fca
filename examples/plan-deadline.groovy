// Plan a rate for a deadline: what rate migrates this VM within 10 s, and what rate keeps downtime under 300 ms?
// Run: ./livemig run examples/plan-deadline.groovy [output-folder]
// The profile is dacapo-eclipse's, as fitted in the paper's dataset (pages per 100 ms; M_w in pages: its column
// m_w_pacer_dir_pages, 108780; workload 'dacapo-eclipse' takes m_w_pages, 119435).

def eclipse = vm('eclipse') {
    memory 1.GiB
    profile {
        s 8822
        sNew 2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533
        mw 108780
    }
}

// The lowest rate that meets a 10 s deadline under QEMU (300 ms downtime limit)...
def deadline = rateFor eclipse, within: 10.s, on: qemu(downtime: 300.ms)
show deadline

// ...and the lowest that keeps Xen's downtime under 300 ms.
def pause = rateFor eclipse, downtime: 300.ms, on: xen()
show pause

// The curve behind both answers: time, downtime and traffic against rate.
def curve = sweep eclipse, from: 50.MiBps, to: 500.MiBps, steps: 10, on: qemu(downtime: 300.ms)
show curve

if (args) {
    def out = Path.of(args[0])
    curve.save(out.resolve('deadline-sweep.svg').toString())
    deadline.save(out.resolve('deadline-plan.png').toString())
    println "charts written to $out"
}
println "answer: ${deadline.rate().get()} migrates ${eclipse.name()} in ${String.format('%.2f', deadline.prediction().migrationSeconds())} s"
