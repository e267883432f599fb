package main

import (
	"crypto/ed25519"
	"fmt"
	"github.com/rulec/rulec/compiler/sideconf"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/codegen/object/sign"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/pipeline"
)

func init() {
	commands = append(commands, command{
		name:    "run",
		summary: "run a compiled object (or rule files) on a capture or an interface",
		run:     runRun,
	})
}

func runRun(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", "OBJECT.rco | RULES...", stdout, stderr)
	pcap := fs.String("pcap", "", "capture file (pcap or pcapng) to run offline")
	evePath := fs.String("eve", "", `write EVE JSON events to this file ("-" for stdout), or socket with --eve-type`)
	eveType := fs.String("eve-type", "", "EVE output type, as Suricata's eve-log filetype: regular (default), unix_stream, unix_dgram or syslog (--eve then names the socket, default /dev/log)")
	eveFacility := fs.String("eve-facility", "", "syslog facility of --eve-type syslog (default local5, as Suricata)")
	kernelTier := fs.String("kernel", pipeline.KernelReference, "offline kernel tier: reference (the Go evaluator, fastest), bpf (the real classifier through BPF_PROG_TEST_RUN, for verification) or auto (bpf when it loads)")
	workers := fs.Int("workers", runtime.NumCPU(), "worker threads, flows hashed to them by their symmetric 5-tuple (offline, the BPF test run takes one)")
	varsFile := fs.String("vars", "", "suricata.yaml-style vars, when compiling rule files")
	midstream := fs.Bool("midstream", false, "pick up TCP sessions without a handshake (Suricata's stream.midstream)")
	checksums := fs.StringP("checksum-checks", "k", "all", "offline: all validates checksums for the checksum keywords (ipv4-csum, ...); none takes them as valid (Suricata's -k)")
	wafOn := fs.Bool("waf-blocking", false, "run SecLang rules in ModSecurity's On mode (disruptive rules mark alerts blocked) instead of DetectionOnly")
	cpuProfile := fs.String("cpuprofile", "", "offline: write a CPU profile (pprof) of the run to this file")
	allocProfile := fs.String("allocprofile", "", "offline: write the allocations (pprof) of the run to this file")
	severity := fs.String("severity", "", `priority to severity mapping over the default "1=critical,2=high,3=medium,4=low"`)
	ips := fs.Bool("ips", false, "offline: run as an inline IPS (Suricata's --simulate-ips): drop and reject rules drop the packet and its flow, with EVE drop records")
	eveTypes := fs.String("eve-types", "", `EVE record types, comma-separated (alert,flow,http,dns,tls,drop; "suricata" for Suricata's default set; alert options ethernet,alert.packet,alert.payload,alert.payload-printable,alert.payload-length,alert.metadata.flow.off,alert.metadata.app-layer.off,alert.metadata.rule.metadata.off,alert.metadata.rule.reference; http.basic; pcap-file); default: the eve-log types of the --vars suricata.yaml, else alert`)
	verify := fs.String("verify", "", "run only an object signed by the private key of this ed25519 public key (PKIX PEM)")
	memLimit := fs.String("memory-limit", "768mb", "soft limit of the Go heap: the collector works harder near it, so the memcaps' live bytes are not doubled by garbage (GOMEMLIMIT overrides; 0: none)")
	sets := fs.StringArray("set", nil, "flow tracker and decoder setting KEY=VALUE, Suricata's names: memcaps, flow timeouts, HTTP limits, decoder.teredo.ports (repeatable; e.g. --set flow.memcap=64mb)")
	lf := addLiveFlags(fs)
	side := addSideFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	paths := fs.Args()
	if lf.object != "" {
		if len(paths) > 0 {
			fmt.Fprintln(stderr, "rulec run: give the rules either as --object or as arguments")
			return 2
		}
		paths = []string{lf.object}
	}
	if len(paths) == 0 || (*pcap == "") == (lf.iface == "" && lf.config == "") {
		fmt.Fprintln(stderr, "rulec run: want an object or rule files, and either --pcap FILE or --iface IF (or --config FILE)")
		return 2
	}
	if err := setMemoryLimit(*memLimit); err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	if len(paths) == 1 && filepath.Ext(paths[0]) == ".rco" && *side != (sideconf.Paths{}) {
		fmt.Fprintln(stderr, "rulec run: side files apply when rules are compiled: give them to rulec compile, or run the rule files")
		return 2
	}
	pub, code := verifyKey(*verify, paths, stderr)
	if code != 0 {
		return code
	}
	if *pcap == "" {
		return runLive(lf, liveCommon{paths: paths, varsFile: *varsFile, side: *side, eve: eveOut{*evePath, *eveType, *eveFacility}, severity: *severity, midstream: *midstream, wafBlocking: *wafOn, verify: pub, sets: *sets, workers: *workers}, stdout, stderr)
	}
	sev, err := eve.ParseSeverity(*severity)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	o, code := loadObject(paths, *varsFile, *side, pub, stderr)
	if o == nil {
		return code
	}
	eveW, eveSink, err := eveOut{*evePath, *eveType, *eveFacility}.open(stdout, true)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 1
	}
	if eveSink != nil {
		defer eveSink.Close()
	}
	records, err := recordTypes(*eveTypes, *varsFile)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	cfg := flow.DefaultConfig()
	cfg.Midstream = *midstream
	if cfg.Decoder, err = decoderConfig(*varsFile); err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	if cfg.FileHashes, err = fileHashes(*varsFile); err != nil {
		fmt.Fprintf(stderr, "rulec run: %s: %v\n", *varsFile, err)
		return 2
	}
	if cfg.FileStore, err = fileStore(*varsFile, *evePath); err != nil {
		fmt.Fprintf(stderr, "rulec run: %s: %v\n", *varsFile, err)
		return 2
	}
	if cfg.TLSLog, err = tlsLog(*varsFile); err != nil {
		fmt.Fprintf(stderr, "rulec run: %s: %v\n", *varsFile, err)
		return 2
	}
	dnsLog, cid, err := eveOutput(*varsFile)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	cfg.DNSLog = dnsLog
	if *checksums != "all" && *checksums != "none" {
		fmt.Fprintf(stderr, "rulec run: -k %q: want all or none\n", *checksums)
		return 2
	}
	cfg.IgnoreChecksums = *checksums == "none"
	if err := applySets(&cfg, *sets); err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	order, err := actionOrder(*varsFile)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	p, err := pipeline.Open(o, pipeline.Config{Kernel: *kernelTier, Flow: cfg, EVE: eveW, Severity: sev, Offline: true,
		WAFBlocking: *wafOn, Workers: *workers, IPS: *ips, Records: records, ActionOrder: order, CommunityID: cid})
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "kernel tier: %s\n", p.KernelName)
	fmt.Fprintf(stderr, "workers: %d\n", p.Workers())
	for _, s := range p.Engine.Skipped() {
		fmt.Fprintf(stderr, "%s: sid %d: not run: %s\n", s.Rule.Pos, s.Rule.Meta.SID, s.Reason)
	}
	stopCPU := func() {}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			return 1
		}
		stopCPU = stop
	}
	sizeGC()
	start, cpuStart := time.Now(), cpuTime()
	runErr := p.RunPcap(*pcap, func(n uint64) { fmt.Fprintf(stderr, "... %d packets\n", n) })
	closeErr := p.Close()
	p.Stats().WriteTable(stderr, time.Since(start))
	fmt.Fprintf(stderr, "%-24s %.3fs\n", "cpu time", (cpuTime() - cpuStart).Seconds())
	if wc := p.WorkerCPU(); len(wc) > 0 {
		fmt.Fprintf(stderr, "%-24s", "worker cpu time")
		for _, c := range wc {
			fmt.Fprintf(stderr, " %.3fs", c.Seconds())
		}
		fmt.Fprintln(stderr)
	}
	stopCPU() // before the alloc profile's collection, which is not the run's
	if *allocProfile != "" {
		if err := writeAllocProfile(*allocProfile); err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			return 1
		}
	}
	if c := p.Capture; c.OtherLink > 0 || c.OverWire > 0 {
		fmt.Fprintf(stderr, "%-24s %d\n", "capture records of another link type, not inspected", c.OtherLink)
		fmt.Fprintf(stderr, "%-24s %d\n", "capture records longer than on the wire", c.OverWire)
	}
	if c := p.Capture; c.Truncated > 0 {
		fmt.Fprintf(stderr, "%-24s %d\n", "capture records cut short at the end of the file, not inspected", c.Truncated)
	}
	if eveSink != nil {
		eveSink.Close()
		if st := eveSink.Stats(); st.Dropped > 0 {
			fmt.Fprintf(stderr, "%-24s %d of %d\n", "EVE records not delivered", st.Dropped, st.Records)
		}
	}
	if p.Fallbacks > 0 {
		fmt.Fprintf(stderr, "%-24s %d\n", "frames of a size BPF_PROG_TEST_RUN does not take (over a page, under an Ethernet header), evaluated by the reference evaluator", p.Fallbacks)
	}
	for _, err := range []error{runErr, closeErr} {
		if err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			return 1
		}
	}
	return 0
}

// verifyKey reads the --verify public key; it applies to one object only.
func verifyKey(path string, paths []string, stderr io.Writer) (ed25519.PublicKey, int) {
	if path == "" {
		return nil, 0
	}
	if len(paths) != 1 || filepath.Ext(paths[0]) != ".rco" {
		fmt.Fprintln(stderr, "rulec run: --verify checks a signed .rco object; give exactly one")
		return nil, 2
	}
	pub, err := sign.ReadPublicKey(path)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return nil, 2
	}
	return pub, 0
}

// loadObject reads a .rco object (signed by pub's key when pub is set), or
// compiles rule files and folders in memory.
func loadObject(paths []string, varsFile string, side sideconf.Paths, pub ed25519.PublicKey, stderr io.Writer) (*object.Object, int) {
	if len(paths) == 1 && filepath.Ext(paths[0]) == ".rco" {
		o, err := object.ReadVerifiedFile(paths[0], pub)
		if err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			return nil, 1
		}
		return o, 0
	}
	res, code := compileRules("run", paths, varsFile, side, stderr)
	if res == nil {
		return nil, code
	}
	if res.Tally.Errors > 0 {
		res.WriteReport(stderr, false)
		fmt.Fprintln(stderr, "rulec run: rules with errors")
		return nil, 1
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return nil, 1
	}
	return o, 0
}

// applySets applies --set KEY=VALUE flow settings.
func applySets(c *flow.Config, sets []string) error {
	for _, kv := range sets {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("--set %q: want KEY=VALUE", kv)
		}
		if err := c.Set(strings.TrimSpace(k), v); err != nil {
			return fmt.Errorf("--set: %w", err)
		}
	}
	return nil
}

// setMemoryLimit sets the Go heap's soft limit, unless GOMEMLIMIT does.
func setMemoryLimit(size string) error {
	n, err := flow.ParseSize(size)
	if err != nil {
		return fmt.Errorf("--memory-limit: %w", err)
	}
	if n > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(n))
	}
	return nil
}
