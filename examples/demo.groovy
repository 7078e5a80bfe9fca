// The livemig demo: predictions, a planner query, a model comparison and a sweep on the paper's workloads, then a
// bundled trace (data/traces) fitted, predicted and replayed in the simulator.
// Run: ./livemig demo            (writes its charts to a folder it names)
//      ./livemig run examples/demo.groovy [output-folder]

def out = args ? Path.of(args[0]) : null

def eclipse = vm('dacapo-eclipse') {
    memory 1.GiB
    profile { s 8822; sNew 2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533; mw 108780 }
}
def db = vm('dell-store-db') {
    memory 1.GiB
    profile { s 6856; sNew 897, 641, 552, 515, 485, 462, 440, 427, 425, 415; mw 158077 }
}

println '== 1. Predict: dacapo-eclipse at 100 MiB/s, Xen with skip and QEMU'
def onXen = predict eclipse, at: 100.MiBps, on: xen()
def onQemu = predict eclipse, at: 100.MiBps, on: qemu(downtime: 300.ms)
show onXen
// why the rows cycle from iteration 6 on: README, "The default skip function"
def (under, over) = [0.9, 1.02].collect { Math.round(eclipse.profile.dirtiedPages(it)) }
println "(The later rows cycle because the paper's D(T) drops where S_new^T steps down: D(0.9 s) = $under pages, " +
        "D(1.02 s) = $over pages.)"
println onQemu
println()

println '== 2. Plan: the lowest rate that migrates dell-store-db within 15 s under QEMU'
def plan = rateFor db, within: 15.s, on: qemu()
println plan
println()

println '== 3. Compare: the proposed model against the existing ones'
def models = compare eclipse, at: 100.MiBps, on: xen()
show models

println '== 4. Sweep: migration time, downtime and traffic against rate'
def curve = sweep eclipse, from: 25.MiBps, to: 400.MiBps, steps: 16, on: xen(), models: ['proposed', 'geometric']
println curve.summary()

println()
println '== 5. A trace: fit data/traces/raytrace-twin.lmt (the twin of PARSEC raytrace), predict, and replay it'
def twin = trace 'data/traces/raytrace-twin.lmt'
def raytrace = vm('raytrace') { trace twin }
def predicted = predict raytrace, at: 100.MiBps, on: xen()
def simulated = simulate twin, at: 100.MiBps, on: xen()
println fit(twin)
println predicted
println simulated

if (out) {
    onXen.save(out.resolve('predict-xen.svg').toString())
    onXen.save(out.resolve('predict-xen.png').toString())
    models.save(out.resolve('compare-models.svg').toString())
    models.save(out.resolve('compare-models.html').toString())
    curve.save(out.resolve('sweep.svg').toString())
    curve.save(out.resolve('sweep.csv').toString())
    plan.save(out.resolve('plan.html').toString())
    fit(twin).save(out.resolve('raytrace-dirty-curve.svg').toString())
    println()
    println "charts and tables written to $out"
}
