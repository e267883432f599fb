package main

import (
	"crypto/ed25519"
	"fmt"
	"io"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/codegen/object/sign"
)

func init() {
	commands = append(commands, command{
		name:    "compile",
		summary: "compile rule files and folders into a .rco object",
		run:     runCompile,
	})
}

func runCompile(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("compile", "PATH...", stdout, stderr)
	out := fs.StringP("output", "o", "ruleset.rco", "object file to write")
	varsFile := fs.String("vars", "", "suricata.yaml-style file with vars: address-groups and port-groups")
	strict := fs.Bool("strict", false, "fail when rules use unsupported keywords")
	signKey := fs.String("sign", "", "sign the object with this ed25519 private key (PKCS#8 PEM, from rulec keygen or openssl genpkey -algorithm ed25519)")
	side := addSideFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "rulec compile: no rule files or folders given")
		return 2
	}
	var key ed25519.PrivateKey
	if *signKey != "" {
		var err error
		if key, err = sign.ReadPrivateKey(*signKey); err != nil {
			fmt.Fprintf(stderr, "rulec compile: %v\n", err)
			return 2
		}
	}
	res, code := compileRules("compile", fs.Args(), *varsFile, *side, stderr)
	if res == nil {
		return code
	}
	res.WriteReport(stderr, false)
	if res.Tally.Errors > 0 || (*strict && res.Tally.Unsupported > 0) {
		fmt.Fprintln(stderr, "rulec compile: not writing an object for rules with errors")
		return 1
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		fmt.Fprintf(stderr, "rulec compile: %v\n", err)
		return 1
	}
	write := object.WriteFile
	if key != nil {
		write = func(path string, o *object.Object) error { return object.WriteSignedFile(path, o, key) }
	}
	if err := write(*out, o); err != nil {
		fmt.Fprintf(stderr, "rulec compile: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, o.Kernel.Capacity())
	fmt.Fprintf(stderr, "wrote %s\n", *out)
	return 0
}
