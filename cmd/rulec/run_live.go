package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"github.com/rulec/rulec/compiler/sideconf"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/rulec/rulec/runtime/bpflog"
	"github.com/rulec/rulec/runtime/execwatch"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/runtime/attach"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/eve/sink"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/live"
	"github.com/rulec/rulec/runtime/rollout"
)

// liveFlags are the flags of rulec run on an interface.
type liveFlags struct {
	iface, direction, attachMode, config, metricsAddr, control string
	logLevel, ringSize                                         string
	stats, duration                                            time.Duration
	allowRemote, watchExec                                     bool
	thresholds, allow, block, portBlocks                       []string
	object                                                     string
	objectPoll                                                 time.Duration
	pin                                                        bool
	pinDir                                                     string
}

// liveCommon are the run flags shared with the offline mode.
type liveCommon struct {
	paths                  []string
	varsFile, severity     string
	side                   sideconf.Paths
	eve                    eveOut
	midstream, wafBlocking bool
	sets                   []string          // --set KEY=VALUE flow settings
	verify                 ed25519.PublicKey // objects must be signed by its key, reloads too
	workers                int               // --workers
}

func addLiveFlags(fs *pflag.FlagSet) *liveFlags {
	lf := &liveFlags{}
	fs.StringVar(&lf.iface, "iface", "", "network interface to attach the classifier to (live mode)")
	fs.StringVar(&lf.object, "object", "", "run this rule object and, live, reload it whenever it changes (a ConfigMap update's symlink swap included); a bad or unsigned one is refused and the running rules stay")
	fs.DurationVar(&lf.objectPoll, "object-poll", 2*time.Second, "how often a live run checks --object for a new version")
	fs.StringVar(&lf.direction, "direction", "", "traffic to classify: ingress, egress or both (default both: rules that follow TCP streams or application protocols need both)")
	fs.StringVar(&lf.attachMode, "attach", "", "attach with auto (TCX, else clsact), tcx or clsact")
	fs.BoolVar(&lf.pin, "pin", false, "keep dynamic blocks, lists, counters and the TCX links pinned (in --pin-dir) so the next run on the interface adopts them with no unfiltered window; on exit the classifier stays attached (rulec unpin removes it)")
	fs.StringVar(&lf.pinDir, "pin-dir", "", "bpffs folder of --pin (default /sys/fs/bpf/rulec/IFACE)")
	fs.StringVar(&lf.config, "config", "", "YAML configuration file (see docs/rulec.yaml); flags override it")
	fs.DurationVar(&lf.stats, "stats", 0, "print counters and write an EVE stats record this often (live mode)")
	fs.StringVar(&lf.ringSize, "ring-size", "", "classifier event ring buffer: a power of two from the page size to 1G, e.g. 16M (default 4M)")
	fs.StringVar(&lf.metricsAddr, "metrics-addr", "", "serve Prometheus metrics on this address, e.g. 127.0.0.1:9464")
	fs.BoolVar(&lf.allowRemote, "metrics-allow-remote", false, "allow a metrics address that is not loopback")
	fs.StringVar(&lf.control, "control", "", "control socket for rulec reload (default /run/rulec/IFACE.sock)")
	fs.StringArrayVar(&lf.thresholds, "threshold", nil, "block a source after COUNT alerts of a severity within WINDOW, for TTL: SEVERITY=COUNT/WINDOW/TTL (repeatable)")
	fs.StringSliceVar(&lf.allow, "allow", nil, "addresses or prefixes that always pass")
	fs.StringSliceVar(&lf.block, "block", nil, "addresses or prefixes to drop")
	fs.StringSliceVar(&lf.portBlocks, "block-port", nil, "drop every packet to tcp/PORT, udp/PORT or any/PORT unless allowed")
	fs.DurationVar(&lf.duration, "duration", 0, "live mode: stop after this long (default: at SIGINT or SIGTERM)")
	fs.BoolVar(&lf.watchExec, "watch-exec", false, "also report container runtime executions as EVE process events")
	fs.StringVar(&lf.logLevel, "log-level", "info", "show BPF log records of this level and above on stderr: debug, info, warn or error")
	return lf
}

// source is what a live run compiles, again on every reload.
type source struct {
	paths    []string
	varsFile string
	side     sideconf.Paths
	vars     *vars.Vars // from the configuration file
	verify   ed25519.PublicKey
}

// load reads or compiles the rules and gives the object's digest: the
// SHA-256 of the object file, or of the object compiled from rule files.
func (s source) load() (*object.Object, string, error) {
	if len(s.paths) == 1 && filepath.Ext(s.paths[0]) == ".rco" {
		data, err := os.ReadFile(s.paths[0])
		if err != nil {
			return nil, "", err
		}
		o, err := object.DecodeVerified(data, s.verify)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", s.paths[0], err)
		}
		return o, rollout.Digest(data), nil
	}
	o, err := s.compile()
	if err != nil {
		return nil, "", err
	}
	data, err := object.Encode(o)
	if err != nil {
		return nil, "", err
	}
	return o, rollout.Digest(data), nil
}

func (s source) compile() (*object.Object, error) {
	v := s.vars
	if s.varsFile != "" {
		var err error
		if v, err = vars.LoadFile(s.varsFile); err != nil {
			return nil, err
		}
	}
	if v == nil {
		v = vars.Defaults()
	}
	files, err := loadSideFiles(s.side, s.varsFile, v)
	if err != nil {
		return nil, err
	}
	res, err := compiler.Compile(s.paths, compiler.Options{Vars: v, Side: files})
	if err != nil {
		return nil, err
	}
	if res.Tally.Errors > 0 {
		return nil, fmt.Errorf("%d rules with errors (rulec check shows them)", res.Tally.Errors)
	}
	return object.Build(res.Rules, bpf.ELF())
}

// liveSettings gathers the configuration of a live run: flags over the
// configuration file.
func liveSettings(lf *liveFlags, c liveCommon, stdout io.Writer) (live.Config, *live.File, error) {
	f := &live.File{}
	if lf.config != "" {
		var err error
		if f, err = live.LoadFile(lf.config); err != nil {
			return live.Config{}, nil, err
		}
	}
	cfg := live.Config{Iface: lf.iface, Attach: attach.Mode(lf.attachMode), Flow: flow.DefaultConfig(), Pin: lf.pin, PinDir: lf.pinDir}
	cfg.Flow.Midstream = c.midstream
	var err error
	if cfg.Flow.Decoder, err = decoderConfig(c.varsFile); err != nil {
		return cfg, nil, err
	}
	if cfg.Flow.TLSLog, err = tlsLog(c.varsFile); err != nil {
		return cfg, nil, err
	}
	if err := f.ApplySettings(&cfg.Flow); err != nil {
		return cfg, nil, err
	}
	if err := applySets(&cfg.Flow, c.sets); err != nil {
		return cfg, nil, err
	}
	cfg.WAFBlocking = c.wafBlocking
	cfg.Workers = c.workers
	level, err := bpflog.ParseLevel(lf.logLevel)
	if err != nil {
		return cfg, nil, err
	}
	cfg.LogLevel = level
	if lf.ringSize != "" {
		if cfg.RingSize, err = live.ParseRingSize(lf.ringSize); err != nil {
			return cfg, nil, err
		}
	}
	if lf.direction != "" {
		d, err := attach.ParseDirection(lf.direction)
		if err != nil {
			return cfg, nil, err
		}
		cfg.Direction = d
	}
	if c.severity != "" {
		sev, err := eve.ParseSeverity(c.severity)
		if err != nil {
			return cfg, nil, err
		}
		cfg.Severity = sev
	}
	for _, s := range lf.thresholds {
		name, t, err := live.ParseThreshold(s)
		if err != nil {
			return cfg, nil, err
		}
		if cfg.Thresholds == nil {
			cfg.Thresholds = map[string]live.Threshold{}
		}
		cfg.Thresholds[name] = t
	}
	if cfg.Allow, err = live.ParsePrefixes(lf.allow); err != nil {
		return cfg, nil, err
	}
	if cfg.Block, err = live.ParsePrefixes(lf.block); err != nil {
		return cfg, nil, err
	}
	for _, s := range lf.portBlocks {
		pbs, err := live.ParsePortBlock(s)
		if err != nil {
			return cfg, nil, err
		}
		cfg.PortBlocks = append(cfg.PortBlocks, pbs...)
	}
	if err := f.Apply(&cfg); err != nil {
		return cfg, nil, err
	}
	if cfg.Iface == "" {
		return cfg, nil, errors.New("no interface: give --iface or interface: in the configuration")
	}
	out := c.eve
	if out.path == "" && out.typ == "" {
		out = eveOut{f.EVE, f.EVEType, f.EVEFacility}
	}
	w, _, err := out.open(stdout, false)
	if err != nil {
		return cfg, nil, err
	}
	cfg.EVE = w
	return cfg, f, nil
}

func runLive(lf *liveFlags, c liveCommon, stdout, stderr io.Writer) int {
	cfg, f, err := liveSettings(lf, c, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 2
	}
	eveSink, _ := cfg.EVE.(*sink.Sink)
	if eveSink != nil {
		defer eveSink.Close()
	}
	// Signals are caught before anything is attached, so that one arriving
	// during start-up also ends in a clean detach.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	src := source{paths: c.paths, varsFile: c.varsFile, side: c.side, vars: f.Vars, verify: c.verify}
	o, digest, err := src.load()
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 1
	}
	r, err := live.Start(o, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 1
	}
	snap, _ := r.Snapshot()
	fmt.Fprintf(stderr, "attached to %s (%s, %s); %d rules\n", cfg.Iface, snap.Attach, r.Direction(), len(o.Rules))
	warnOneWay(stderr, o, r.Direction())
	if cfg.Pin {
		fmt.Fprintf(stderr, "pinned state in %s; adopted %d dynamic blocks\n", cfg.PinDir, r.Adopted())
	}
	var state rollout.State
	state.Loaded(digest, uint64(snap.Generation), len(o.Rules), time.Now())
	code := serveLive(ctx, r, src, lf, f, eveSink, &state, stderr)
	if err := r.Close(); err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		code = 1
	}
	if s, err := r.Final(); err == nil {
		if err := r.WriteEvent(s.EVE()); err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			code = 1
		}
		s.WriteSummary(stderr)
	}
	if eveSink != nil {
		if st := eveSink.Stats(); st.Dropped > 0 {
			fmt.Fprintf(stderr, "EVE records not delivered: %d of %d\n", st.Dropped, st.Records)
		}
	}
	return code
}

// warnOneWay warns when the run sees one direction only and rules follow
// flows: they miss the connections whose other side is not attached.
func warnOneWay(stderr io.Writer, o *object.Object, d attach.Direction) {
	n := live.FlowRules(o)
	if n == 0 || d == attach.Both {
		return
	}
	missed := "sends"
	if d == attach.Egress {
		missed = "receives"
	}
	fmt.Fprintf(stderr, "warning: attached %s only: %d rules follow TCP streams or application protocols and miss what this host %s (--direction both sees it)\n", d, n, missed)
}

// lossWarnEvery is the least time between two ring-buffer loss warnings.
const lossWarnEvery = 10 * time.Second

// serveLive runs until SIGINT or SIGTERM, reloading rules on SIGUSR2 and
// control requests and reopening the EVE output on SIGHUP (Suricata's
// signals), printing and serving counters.
func serveLive(ctx context.Context, r *live.Runner, src source, lf *liveFlags, f *live.File, eveSink *sink.Sink, state *rollout.State, stderr io.Writer) int {
	if lf.duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lf.duration)
		defer cancel()
	}
	var watch *objectWatch
	if lf.object != "" {
		var err error
		if watch, err = newObjectWatch(lf.object, src.verify, lf.objectPoll, state); err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			return 1
		}
		defer watch.stop()
	}
	// reload logs its outcome whatever asked for it (SIGUSR2 or the
	// control socket, whose client also gets it).
	reload := func(via string) (string, error) {
		o, digest, err := src.load()
		if err == nil {
			var gen uint16
			if gen, err = r.Reload(o); err == nil {
				state.Loaded(digest, uint64(gen), len(o.Rules), time.Now())
				watch.seen(digest)
				msg := fmt.Sprintf("generation %d, %d rules", gen, len(o.Rules))
				fmt.Fprintf(stderr, "reloaded (%s): %s\n", via, msg)
				warnOneWay(stderr, o, r.Direction())
				return msg, nil
			}
		}
		state.Failed(err)
		fmt.Fprintf(stderr, "reload (%s) failed, the old rules stay: %v\n", via, err)
		return "", err
	}
	ctlPath := cmp(lf.control, f.Control, live.ControlPath(r.Iface()))
	ctl, err := live.ServeControl(ctlPath, func() (string, error) { return reload("control socket") })
	if err != nil {
		fmt.Fprintf(stderr, "rulec run: %v\n", err)
		return 1
	}
	defer ctl.Close()
	if addr := cmp(lf.metricsAddr, f.MetricsAddr, ""); addr != "" {
		l, err := live.ListenMetrics(addr, lf.allowRemote)
		if err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			return 1
		}
		h := withRolloutMetrics(live.MetricsHandler(r), state)
		if eveSink != nil {
			h = withSinkMetrics(h, eveSink)
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(l)
		defer srv.Close()
	}
	hup, usr2 := make(chan os.Signal, 1), make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	signal.Notify(usr2, syscall.SIGUSR2)
	defer signal.Stop(hup)
	defer signal.Stop(usr2)
	var (
		execs    <-chan execwatch.Event
		execLogs <-chan bpflog.Record
		logs     = r.Logs()
	)
	if lf.watchExec {
		w, err := execwatch.Start(execwatch.Options{LogLevel: r.LogLevel()})
		if err != nil {
			fmt.Fprintf(stderr, "rulec run: watch-exec: %v\n", err)
			return 1
		}
		defer w.Close()
		execs, execLogs = w.Events(), w.Logs()
		fmt.Fprintf(stderr, "watching executions of container runtimes (%s)\n", w.Attached())
	}
	var tick <-chan time.Time
	if every := max(lf.stats, f.Stats); every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		tick = t.C
	}
	losses := time.NewTicker(time.Second)
	defer losses.Stop()
	warner := live.LossWarner{Every: lossWarnEvery}
	var prev *live.Snapshot
	for {
		select {
		case <-ctx.Done():
			return 0
		case ev, ok := <-execs:
			if !ok {
				execs = nil
				continue
			}
			if err := r.WriteEvent(ev.EVE()); err != nil {
				fmt.Fprintf(stderr, "rulec run: %v\n", err)
				return 1
			}
		case rec, ok := <-logs:
			if !ok {
				logs = nil
				continue
			}
			fmt.Fprintln(stderr, rec)
		case rec, ok := <-execLogs:
			if !ok {
				execLogs = nil
				continue
			}
			fmt.Fprintln(stderr, rec)
		case <-hup:
			if eveSink != nil {
				if err := eveSink.Reopen(); err != nil {
					fmt.Fprintf(stderr, "rulec run: reopen EVE output: %v\n", err)
				}
			}
		case <-watch.tick():
			watch.follow(r, stderr)
		case <-usr2:
			reload("SIGUSR2")
		case <-tick:
			s, err := r.Snapshot()
			if err != nil {
				fmt.Fprintf(stderr, "stats: %v\n", err)
				continue
			}
			s.WriteLine(stderr, prev)
			prev = &s
			if err := r.WriteEvent(s.EVE()); err != nil {
				fmt.Fprintf(stderr, "rulec run: %v\n", err)
				return 1
			}
		case <-losses.C:
			if s, err := r.Snapshot(); err == nil {
				if msg, ok := warner.Check(&s); ok {
					fmt.Fprintln(stderr, msg)
				}
			}
		}
		if err := r.Err(); err != nil {
			fmt.Fprintf(stderr, "rulec run: %v\n", err)
			return 1
		}
	}
}

// cmp returns the first non-empty string.
func cmp(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
