// Command demopcap writes the demo traffic `make demo` runs rulec on.
//
//	go run ./cmd/demopcap -o demo.pcap
package main
