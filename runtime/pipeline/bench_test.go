package pipeline

import (
	"bytes"
	"testing"
	"time"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/internal/demo"
	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/flow"
)

// BenchmarkETOpenDemo runs the demo traffic through both tiers with all
// of ET Open loaded, on the reference evaluator (no privileges needed),
// reporting packets/s and MB/s of frames.
func BenchmarkETOpenDemo(b *testing.B) {
	res, err := compiler.Compile([]string{corpus.Dir(b, "etopen")}, compiler.Options{})
	if err != nil {
		b.Fatal(err)
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := demo.Write(&buf); err != nil {
		b.Fatal(err)
	}
	type frame struct {
		ts time.Time
		b  []byte
	}
	var frames []frame
	size := 0
	capture.Read(bytes.NewReader(buf.Bytes()), func(ts time.Time, f []byte, _ uint64) error {
		frames = append(frames, frame{ts, f})
		size += len(f)
		return nil
	})
	p, err := Open(o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), Offline: true})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	b.SetBytes(int64(size))
	b.ResetTimer()
	shift := time.Duration(0)
	for b.Loop() {
		shift += time.Hour
		for _, f := range frames {
			if _, err := p.Engine.Frame(f.ts.Add(shift), f.b); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(frames)*b.N)/b.Elapsed().Seconds(), "pkts/s")
}
