package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/rulec/rulec/runtime/bpflog"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/execwatch"
)

func init() {
	commands = append(commands, command{
		name:    "watch-exec",
		summary: "report executions of container runtimes as EVE process events",
		run:     runWatchExec,
	})
}

func runWatchExec(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("watch-exec", "", stdout, stderr)
	evePath := fs.String("eve", "-", `write EVE JSON process events to this file ("-" for stdout)`)
	levelName := fs.String("log-level", "info", "show log records of this level and above on stderr: debug, info, warn or error")
	runtimes := fs.StringSlice("runtimes", execwatch.DefaultRuntimes, "executable basenames of the container runtimes to watch")
	duration := fs.Duration("duration", 0, "stop after this long (default: at SIGINT or SIGTERM)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	level, err := bpflog.ParseLevel(*levelName)
	if err != nil {
		fmt.Fprintf(stderr, "rulec watch-exec: %v\n", err)
		return 2
	}
	if fs.NArg() > 0 || len(*runtimes) == 0 {
		fmt.Fprintln(stderr, "rulec watch-exec: takes no arguments and at least one runtime name")
		return 2
	}
	out := stdout
	if *evePath != "-" {
		f, err := os.Create(*evePath)
		if err != nil {
			fmt.Fprintf(stderr, "rulec watch-exec: %v\n", err)
			return 1
		}
		defer f.Close()
		out = f
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *duration)
		defer cancel()
	}
	w, err := execwatch.Start(execwatch.Options{Runtimes: *runtimes, LogLevel: level})
	if err != nil {
		fmt.Fprintf(stderr, "rulec watch-exec: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "watching executions of %s (%s)\n", strings.Join(*runtimes, ", "), w.Attached())
	writeErr := watch(ctx, w, eve.NewWriter(out), stderr)
	stats, statsErr := w.Stats()
	closeErr := w.Close()
	fmt.Fprintf(stderr, "executions %d, runtime names %d, reported %d, rejected %d, unconfirmed %d, lost %d, log records lost %d\n",
		stats.Execs, stats.Matched, stats.Confirmed, stats.Rejected, stats.Unconfirmed, stats.Lost, stats.LogDropped)
	for _, err := range []error{writeErr, statsErr, closeErr} {
		if err != nil {
			fmt.Fprintf(stderr, "rulec watch-exec: %v\n", err)
			return 1
		}
	}
	return 0
}

// watch writes events and log records until ctx is done.
func watch(ctx context.Context, w *execwatch.Watcher, ew *eve.Writer, stderr io.Writer) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case e := <-w.Events():
			if err := ew.Write(e.EVE()); err != nil {
				return err
			}
			if err := ew.Flush(); err != nil {
				return err
			}
		case r := <-w.Logs():
			fmt.Fprintln(stderr, r)
		}
	}
}
