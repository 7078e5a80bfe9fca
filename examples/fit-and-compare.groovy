// Fit a trace and compare models: read a dirty-page trace, fit S, S_new^T and M_w, and compare the proposed model
// with the existing ones at one rate.
// Run: ./livemig run examples/fit-and-compare.groovy TRACE [output-folder]
//      (TRACE: a .lmt, pages .csv/.csv.gz file; without one, a seeded synthetic hot/cold trace is written to a
//       temporary folder through the core Trace API and used.)

def file = args ? args[0] : null
if (!file) {
    // 40 s of a 1 GiB VM in units of 100 ms: each unit dirties 1,500 pages of a 16 MiB hot set and 300 pages anywhere.
    def rnd = new Random(42)
    def units = (0..<400).collect {
        def pages = new org.roaringbitmap.RoaringBitmap()
        1500.times { pages.add(rnd.nextInt(4096)) }
        300.times { pages.add(rnd.nextInt(262144)) }
        pages
    }
    def tmp = Files.createTempDirectory('livemig-trace')
    file = tmp.resolve('hotcold.lmt').toString()
    Trace.ofPages('hotcold', new io.livemig.trace.TraceHeader(4096, 262144, 0.1), units).write(io.livemig.trace.TraceFormat.LMT, Path.of(file))
}

def t = trace file
show fit(t)                                 // S, S_new^T, M_w; empirical D(T) against the fitted profile

def app = vm(t.name()) { trace file }       // memory from the trace's header
def models = compare app, at: 100.MBps, on: xen()
show models

if (args.length > 1) {
    def out = Path.of(args[1])
    fit(t).save(out.resolve('dirty-curve.svg').toString())
    models.save(out.resolve('models.svg').toString())
    println "charts written to $out"
}
def best = models.predictions().min { it.migrationSeconds() }
println "answer: proposed ${String.format('%.2f', models.get('proposed').migrationSeconds())} s; shortest prediction: ${best.model()}"
