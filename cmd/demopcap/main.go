package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/rulec/rulec/internal/demo"
)

func main() {
	out := pflag.StringP("output", "o", "demo.pcap", "pcap file to write")
	pflag.Parse()
	f, err := os.Create(*out)
	if err == nil {
		err = demo.Write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "demopcap: %v\n", err)
		os.Exit(1)
	}
}
