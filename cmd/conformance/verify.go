package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/internal/verify"
	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/pipeline"
)

func init() { suites["suricata-verify"] = runVerify }

func runVerify(args []string, stdout, stderr io.Writer) int {
	kernelTier := pipeline.KernelAuto
	var dirs []string
	var eveDir string
	appUser := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--app-userspace":
			appUser = true
		case a == "--kernel" && i+1 < len(args):
			kernelTier = args[i+1]
			i++
		case strings.HasPrefix(a, "--kernel="):
			kernelTier = strings.TrimPrefix(a, "--kernel=")
		case a == "--eve-dir" && i+1 < len(args):
			eveDir = args[i+1]
			i++
		default:
			dirs = append(dirs, a)
		}
	}
	if len(dirs) == 0 {
		fmt.Fprintln(stderr, "usage: conformance suricata-verify [--kernel auto|bpf|reference] [--app-userspace] [--eve-dir DIR] DIR...")
		return 2
	}
	tests, err := verify.Find(dirs...)
	if err != nil {
		fmt.Fprintf(stderr, "suricata-verify: %v\n", err)
		return 2
	}
	passed, failed, skipped := 0, 0, 0
	for _, t := range tests {
		if t.Skip != "" {
			skipped++
			fmt.Fprintf(stdout, "SKIP %s: %s\n", t.Name, t.Skip)
			continue
		}
		if reason := runTest(t, kernelTier, appUser, eveDir); reason != "" {
			failed++
			fmt.Fprintf(stdout, "FAIL %s: %s\n", t.Name, reason)
			continue
		}
		passed++
	}
	fmt.Fprintf(stdout, "suricata-verify: %d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 {
		return 1
	}
	return 0
}

// runTest runs one test and returns why it failed, or "".
// With appUser, the rules the classifier would decide on an app-layer
// buffer it parses (dns.query, tls.sni) are decided by the userspace
// tier's parsers instead. With eveDir set, the test's EVE output is kept
// there.
func runTest(t *verify.Test, kernelTier string, appUser bool, eveDir string) string {
	if t.Pcap == "" {
		return "no capture"
	}
	v := vars.Defaults()
	if t.Vars != "" {
		var err error
		if v, err = vars.LoadFile(t.Vars); err != nil {
			return err.Error()
		}
	}
	res, err := compiler.Compile(t.Rules, compiler.Options{Vars: v})
	if err != nil {
		return err.Error()
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		return err.Error()
	}
	if appUser {
		if o, err = appInUserspace(o); err != nil {
			return err.Error()
		}
	}
	cfg := flow.DefaultConfig()
	if cfg.Decoder, err = decode.NewConfig(v.Decoder, v.PortList); err != nil {
		return err.Error()
	}
	settings, err := t.Settings()
	if err != nil {
		return err.Error()
	}
	for _, kv := range settings {
		if !slices.Contains(flow.Settings, kv[0]) {
			continue // a setting rulec's flow tracker does not have
		}
		if err := cfg.Set(kv[0], kv[1]); err != nil {
			return err.Error()
		}
	}
	cfg.IgnoreChecksums = t.ArgValue("-k") == "none"
	if cfg.DNSLog, err = t.DNSLog(); err != nil {
		return err.Error()
	}
	if cfg.SMTP.LogCustom, err = t.SMTPCustom(); err != nil {
		return err.Error()
	}
	if cfg.TLSLog, err = t.TLSLog(); err != nil {
		return err.Error()
	}
	if t.Vars != "" {
		data, err := os.ReadFile(t.Vars)
		if err == nil {
			cfg.FileHashes, err = eve.FileHashesFromYAML(data)
		}
		if err != nil {
			return err.Error()
		}
		// stored files go to a scratch log directory removed after the test
		fs, ok, err := eve.FileStoreFromYAML(data)
		if err != nil {
			return err.Error()
		}
		if ok {
			logDir, err := os.MkdirTemp("", "rulec-filestore-")
			if err != nil {
				return err.Error()
			}
			defer os.RemoveAll(logDir)
			if cfg.FileStore, err = flow.NewFileStore(filepath.Join(logDir, fs.Dir), fs); err != nil {
				return err.Error()
			}
		}
	}
	xff, err := t.XFF()
	if err != nil {
		return err.Error()
	}
	records, err := t.Records()
	if err != nil {
		return err.Error()
	}
	cid, err := t.CommunityID()
	if err != nil {
		return err.Error()
	}
	order, err := actionOrder(t)
	if err != nil {
		return err.Error()
	}
	run := func(records eve.Types, dnsLog dns.LogConfig, cid *eve.CommunityID) ([]byte, error) {
		var out bytes.Buffer
		if err := engineRecords(t, &out, res.Diags); err != nil {
			return nil, err
		}
		cfg.DNSLog = dnsLog
		p, err := pipeline.Open(o, pipeline.Config{Kernel: kernelTier, Flow: cfg, EVE: &out, Offline: true, XFF: xff, Records: records, CommunityID: cid,
			IPS: t.IPS(), ActionOrder: order})
		if err != nil {
			return nil, err
		}
		runErr := p.RunPcap(t.Pcap, nil)
		if errors.Is(runErr, capture.ErrRecord) {
			// Suricata logs the bad record, ends the capture and writes what it saw.
			runErr = nil
		}
		if err := p.Close(); runErr == nil {
			runErr = err
		}
		return out.Bytes(), runErr
	}
	out, err := run(records, cfg.DNSLog, cid)
	if err != nil {
		return err.Error()
	}
	if eveDir != "" {
		name := filepath.Join(eveDir, strings.ReplaceAll(t.Name, string(filepath.Separator), "_")+".json")
		if err := os.WriteFile(name, out, 0o644); err != nil {
			return err.Error()
		}
	}
	fails, err := evaluate(t, out, run)
	if err != nil {
		return err.Error()
	}
	if len(fails) > 0 {
		why := strings.Join(fails, "; ")
		if n := res.Diags.Len(); n > 0 {
			why += fmt.Sprintf(" [%d rule diagnostics, first: %v]", n, res.Diags.Items[0])
		}
		return why
	}
	return ""
}

// evaluate applies the test's checks: those on the default EVE file to
// out, those on another eve-log output's file to a run with that
// output's settings (record types, dns, community-id).
func evaluate(t *verify.Test, out []byte, run func(eve.Types, dns.LogConfig, *eve.CommunityID) ([]byte, error)) ([]string, error) {
	outputs, err := t.Outputs()
	if err != nil {
		return nil, err
	}
	byFile := map[string][]verify.Check{}
	var files []string
	for _, c := range t.Checks {
		f := c.Filename
		if _, ok := outputs[f]; !ok || f == verify.DefaultEVEFile {
			f = ""
		}
		if _, ok := byFile[f]; !ok {
			files = append(files, f)
		}
		byFile[f] = append(byFile[f], c)
	}
	var fails []string
	for _, f := range files {
		data := out
		if f != "" {
			one := outputs[f]
			records, _, err := eve.TypesFromYAML(one)
			if err != nil {
				return nil, err
			}
			dnsLog, err := dns.LogConfigFromYAML(one, t.Env["SURICATA_EVE_DNS_VERSION"])
			if err != nil {
				return nil, err
			}
			cid, err := eve.CommunityIDFromYAML(one)
			if err != nil {
				return nil, err
			}
			if data, err = run(records, dnsLog, cid); err != nil {
				return nil, err
			}
		}
		got, err := verify.Evaluate(byFile[f], data)
		if err != nil {
			return nil, err
		}
		for _, g := range got {
			if f != "" {
				g = f + ": " + g
			}
			fails = append(fails, g)
		}
	}
	return fails, nil
}

// appInUserspace returns o with its kernel rules on an app-layer buffer
// the classifier parses in the userspace tier.
func appInUserspace(o *object.Object) (*object.Object, error) {
	u := &object.Object{BPF: o.BPF, Rules: o.Rules, Tiers: slices.Clone(o.Tiers)}
	for _, s := range o.Kernel.Slots {
		if !s.Userspace && s.Buffer != kernel.BufPayload {
			u.Tiers[s.Rule] = lower.Decision{Tier: lower.Userspace, Reason: "conformance --app-userspace"}
		}
	}
	tiers := make([]lower.Tier, len(o.Rules))
	for i, d := range u.Tiers {
		tiers[i] = d.Tier
	}
	var err error
	u.Kernel, err = kernel.Build(o.Rules, tiers)
	return u, err
}

// actionOrder reads the action-order of the test's suricata.yaml.
func actionOrder(t *verify.Test) (engine.ActionOrder, error) {
	if t.Vars == "" {
		return nil, nil
	}
	data, err := os.ReadFile(t.Vars)
	if err != nil {
		return nil, err
	}
	return engine.ActionOrderFromYAML(data)
}
