package main

import (
	"fmt"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// drawPlots writes the classifier's cost against rule count (one line per
// packet size) and against payload size (content scan) as PNGs.
func drawPlots(results map[string]result, dir string) error {
	p := plot.New()
	p.Title.Text = "TC classifier: cost vs rule count (header rules)"
	p.X.Label.Text = "rules"
	p.Y.Label.Text = "ns per packet"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	var lines []any
	for _, size := range []int{64, 512, 1500} {
		var pts plotter.XYs
		for _, n := range []int{100, 1000, 10000} {
			if v, ok := metric(results, fmt.Sprintf("BenchmarkClassifier/rules=%d/size=%d", n, size), "ns/pkt"); ok {
				pts = append(pts, plotter.XY{X: float64(n), Y: v})
			}
		}
		if len(pts) > 0 {
			lines = append(lines, fmt.Sprintf("%d B", size), pts)
		}
	}
	if len(lines) > 0 {
		p.Y.Min = 0
		if err := plotutil.AddLinePoints(p, lines...); err != nil {
			return err
		}
		if err := p.Save(6*vg.Inch, 4*vg.Inch, filepath.Join(dir, "classifier-rules.png")); err != nil {
			return err
		}
	}
	p = plot.New()
	p.Title.Text = "TC classifier: content scan cost vs payload size"
	p.X.Label.Text = "payload bytes"
	p.Y.Label.Text = "ns per packet"
	var pts plotter.XYs
	for _, size := range []int{64, 512, 1500} {
		if v, ok := metric(results, fmt.Sprintf("BenchmarkScan/size=%d", size), "ns/pkt"); ok {
			pts = append(pts, plotter.XY{X: float64(size), Y: v})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	p.Y.Min = 0
	if err := plotutil.AddLinePoints(p, "55,902-state automaton", pts); err != nil {
		return err
	}
	return p.Save(6*vg.Inch, 4*vg.Inch, filepath.Join(dir, "classifier-scan.png"))
}
