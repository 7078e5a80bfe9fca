// Fit a trace and compare models: read a dirty-page trace, fit S, S_new^T and M_w, and compare the proposed model
// with the existing ones at one rate.
// Run: ./livemig run examples/fit-and-compare.groovy TRACE [output-folder]
//      (TRACE: a .lmt, pages .csv/.csv.gz file; without one, a seeded synthetic hot/cold trace from the core's
//       generator is written to a temporary folder and used.)
// The simulator replays the trace page by page: the ground truth the models are held against.

def file = args ? args[0] : null
if (!file) {
    // 40 s of a 1 GiB VM in units of 100 ms from the core's seeded generator: each unit dirties 1,500 pages of a
    // 16 MiB hot set and 300 pages of a 256 MiB cold region.
    def hotCold = TraceGenerator.generate('hotcold', new Workload.HotCold(4096, 1500, 65536, 300),
            new TraceHeader(4096, 262144, 0.1), 400, 42)
    file = Files.createTempDirectory('livemig-trace').resolve('hotcold.lmt').toString()
    hotCold.write(TraceFormat.LMT, Path.of(file))
}

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
