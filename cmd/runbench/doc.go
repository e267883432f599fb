// Command runbench measures `rulec run` on a capture as a user runs it,
// beside the reading-only floor (capture reading alone) in the same run,
// and prints `go test -bench` lines for bench/cmd/benchtable:
//
//	BenchmarkRulecRun/<set>/workers=<n>  1  <ns> ns/op  <v> pkts/s  <v> MB/s  <v> pkts/cpu-s  <v> peak-MB
//	BenchmarkReadPcap                    1  <ns> ns/op  <v> pkts/s  <v> MB/s
//
// Rates are of the run phase that rulec reports (after rule loading);
// peak RSS is the whole process's. Usage:
//
//	runbench -rulec ./rulec -pcap mixed.pcap -vars vars.yaml -workers 1,2 \
//	    -set ETOpen=../shared/corpus/etopen -set 'ETOpenCRS=... ...'
package main
