// Command conformance runs external conformance suites against rulec:
//
//	conformance suricata-verify DIR...
//	conformance crs --rules DIR --setup FILE TESTDIR...
//
// Each suite prints one line per failing test with the reason and ends
// with exactly "<suite>: N passed, M failed". The exit status is 1 when a
// test failed, 2 on usage errors.
package main
