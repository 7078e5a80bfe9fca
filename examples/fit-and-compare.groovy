// Fit a trace and compare models: read a dirty-page trace, fit S, S_new^T and M_w, and compare the proposed model
// with the existing ones at one rate.
// Run: ./livemig run examples/fit-and-compare.groovy TRACE [output-folder]
//      (TRACE: a .lmt or pages .csv/.csv.gz file; default: the bundled data/traces/hot-cold.lmt)
// The simulator replays the trace page by page: the reference the models are held against for this trace (a check
// of livemig's own parts, not evidence about a hypervisor: README, "Models against the simulator").

def file = args ? args[0] : 'data/traces/hot-cold.lmt'   // bundled: a 1 GiB VM with a 16 MiB hot region (data/README.md)

def t = trace file
show fit(t)                                 // S, S_new^T, M_w; empirical D(T) against the fitted profile

def app = vm(t.name()) { trace file }       // memory from the trace's header
def models = compare app, at: 100.MBps, on: xen()
show models

def truth = simulate t, at: 100.MBps, on: xen()
println truth
println String.format('simulated %.2f s; proposed model %.2f s', truth.migrationSeconds(), models.get('proposed').migrationSeconds())

if (args.length > 1) {
    def out = Path.of(args[1])
    fit(t).save(out.resolve('dirty-curve.svg').toString())
    models.save(out.resolve('models.svg').toString())
    println "charts written to $out"
}
def best = models.predictions().min { it.migrationSeconds() }
println "answer: proposed ${String.format('%.2f', models.get('proposed').migrationSeconds())} s; shortest prediction: ${best.model()}"
