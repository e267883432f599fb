package main

import (
	"fmt"
	"io"
	"os"

	"github.com/rulec/rulec/codegen/object/sign"
)

func init() {
	commands = append(commands, command{
		name:    "keygen",
		summary: "make an ed25519 key pair for signing objects (compile --sign, run --verify)",
		run:     runKeygen,
	})
}

func runKeygen(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("keygen", "", stdout, stderr)
	out := fs.StringP("output", "o", "rulec-sign", "write the private key here (PKCS#8 PEM, mode 0600) and the public key to this name plus .pub (PKIX PEM)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "rulec keygen: takes no arguments")
		return 2
	}
	priv, pub, err := sign.GenerateKey()
	if err != nil {
		fmt.Fprintf(stderr, "rulec keygen: %v\n", err)
		return 1
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		fmt.Fprintf(stderr, "rulec keygen: %v\n", err)
		return 1
	}
	_, werr := f.Write(priv)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.WriteFile(*out+".pub", pub, 0o644)
	}
	if werr != nil {
		fmt.Fprintf(stderr, "rulec keygen: %v\n", werr)
		return 1
	}
	fmt.Fprintf(stderr, "wrote %s (private) and %s.pub (public)\n", *out, *out)
	return 0
}
