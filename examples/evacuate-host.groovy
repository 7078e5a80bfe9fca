// Choose VMs to evacuate a host: which VMs should leave to free 2 GiB, moving the least data over a 1 Gbit/s link,
// with no VM paused for more than a second?
// Run: ./livemig run examples/evacuate-host.groovy [output-folder]
// Profiles are workloads of the paper's dataset (S and S_new in pages per 100 ms, M_w in pages).

def web = vm('web') {            // mediawiki-ws-20C
    memory 1.GiB
    profile { s 24885; sNew 10184, 6439, 4305, 3080, 2469, 2052, 1780, 1555, 1381, 1242; mw 172587 }
}
def db = vm('db') {              // dell-store-db-100
    memory 1.GiB
    profile { s 6856; sNew 897, 641, 552, 515, 485, 462, 440, 427, 425, 415; mw 158077 }
}
def build = vm('build') {        // kernel-1
    memory 1.GiB
    profile { s 4389; sNew 696, 341, 289, 211, 170, 146, 126, 111, 99, 90; mw 28430 }
}
def oltp = vm('oltp') {          // oltp-tpcc
    memory 1536.MiB
    profile { s 2373; sNew 1076, 724, 757, 783, 753, 688, 634, 594, 560, 529; mw 201829 }
}
def video = vm('video') {        // parsec-x264
    memory 1.GiB
    profile { s 2195; sNew 1263, 1123, 841, 734, 621, 562, 517, 486, 454, 433; mw 214649 }
}
def host = [web, db, build, oltp, video]

def leastTraffic = choose host, free: 2.GiB, minimizing: 'traffic', at: 1.Gbps, on: xen(), downtime: 1.s
show leastTraffic

def fastest = choose host, free: 2.GiB, minimizing: 'time', at: 1.Gbps, on: xen(), downtime: 1.s
show fastest

if (args) {
    leastTraffic.save(Path.of(args[0]).resolve('evacuate.svg').toString())
    leastTraffic.save(Path.of(args[0]).resolve('evacuate.csv').toString())
    println "charts written to ${args[0]}"
}
println "answer: migrate ${leastTraffic.chosen()*.vm().join(', ')} (${leastTraffic.freed()})"
