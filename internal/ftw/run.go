package ftw

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/rulec/rulec/runtime/waf"
)

// Result is the outcome of one test.
type Result struct {
	Name   string // rule_id-test_id, as go-ftw names tests
	Passed bool
	Reason string // why it failed
}

// Runner runs test files against a WAF.
type Runner struct {
	WAF       *waf.WAF
	Overrides Overrides
	// Engine, when set, runs each exchange instead of WAF.
	Engine Engine
}

// Files lists the test files (*.yaml, *.yml) under the given files and
// folders, in lexical order.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(f string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(f, ".yaml") || strings.HasSuffix(f, ".yml")) {
				out = append(out, f)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}

// Load reads one test file.
func Load(path string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f File
	if err := yaml.Unmarshal(src, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &f, nil
}

// Run runs every test of the files, in parallel, and returns the results
// in file and test order.
func (r *Runner) Run(files []*File) []Result {
	type job struct {
		f *File
		t *Test
	}
	var jobs []job
	for _, f := range files {
		for i := range f.Tests {
			jobs = append(jobs, job{f, &f.Tests[i]})
		}
	}
	results := make([]Result, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = r.runTest(jobs[i].f, jobs[i].t)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

func (r *Runner) runTest(f *File, t *Test) Result {
	res := Result{Name: strconv.Itoa(f.RuleID) + "-" + strconv.Itoa(t.TestID), Passed: true}
	for i := range t.Stages {
		s := t.Stages[i].stage()
		out := s.Output
		if o, ok := r.Overrides.lookup(f.RuleID, t.TestID); ok {
			out = o
		}
		log, err := r.runStage(&s.Input)
		if err != nil {
			res.Passed, res.Reason = false, fmt.Sprintf("stage %d: %v", i+1, err)
			return res
		}
		if reason := check(&out, log); reason != "" {
			if len(t.Stages) > 1 {
				reason = fmt.Sprintf("stage %d: %s", i+1, reason)
			}
			res.Passed, res.Reason = false, reason
			return res
		}
	}
	return res
}

// logged is what a stage logged: rule ids, and the log lines; refused is
// the status of a request the server refused before the WAF saw it.
type logged struct {
	ids     map[int]bool
	lines   string
	refused int
}

func (r *Runner) runStage(in *Input) (logged, error) {
	if r.Engine != nil {
		x, err := ReadStage(in)
		if errors.Is(err, ErrBadRequest) {
			return logged{ids: map[int]bool{}, refused: http.StatusBadRequest}, nil
		}
		if err != nil {
			return logged{}, err
		}
		l := r.Engine(x)
		return logged{ids: l.IDs, lines: l.Lines}, nil
	}
	tx, err := Replay(r.WAF, in)
	if errors.Is(err, ErrBadRequest) {
		return logged{ids: map[int]bool{}, refused: http.StatusBadRequest}, nil
	}
	if err != nil {
		return logged{}, err
	}
	defer tx.Close()
	out := logged{ids: map[int]bool{}}
	var b strings.Builder
	for _, m := range tx.MatchedRules() {
		if !m.Log {
			continue
		}
		out.ids[int(m.ID)] = true
		fmt.Fprintf(&b, "ModSecurity: Warning. [id %q] [msg %q] [data %q] [severity %q]", strconv.FormatUint(m.ID, 10), m.Msg, m.Data, m.Severity)
		for _, t := range m.Tags {
			fmt.Fprintf(&b, " [tag %q]", t)
		}
		b.WriteString("\n")
	}
	out.lines = b.String()
	return out, nil
}

// Replay sends the request of a stage through w as CRS's test setup
// would (see the package comment) and returns the finished transaction,
// which the caller closes.
func Replay(w *waf.WAF, in *Input) (*waf.Tx, error) {
	x, err := ReadStage(in)
	if err != nil {
		return nil, err
	}
	dest := in.DestAddr
	if dest == "" {
		dest = "127.0.0.1"
	}
	port := in.Port
	if port == 0 {
		port = 80
	}
	tx := w.NewTransaction()
	tx.ProcessConnection("127.0.0.1", 40000, dest, port)
	tx.ProcessURI(x.URI, x.Method, x.Proto)
	for _, h := range x.Headers {
		tx.AddRequestHeader(h[0], h[1])
	}
	tx.ProcessRequestHeaders()
	tx.WriteRequestBody(x.Body)
	tx.ProcessRequestBody()
	for _, h := range x.RespHeaders {
		tx.AddResponseHeader(h[0], h[1])
	}
	tx.ProcessResponseHeaders(x.Status, "HTTP/1.1")
	tx.WriteResponseBody(x.RespBody)
	tx.ProcessResponseBody()
	tx.ProcessLogging()
	return tx, nil
}

// Inputs returns the request of every stage of the files, in order.
func Inputs(files []*File) []*Input {
	var out []*Input
	for _, f := range files {
		for i := range f.Tests {
			for j := range f.Tests[i].Stages {
				out = append(out, &f.Tests[i].Stages[j].stage().Input)
			}
		}
	}
	return out
}

// check compares a stage's log with its expected output and returns why
// it fails, or "".
func check(out *Output, log logged) string {
	var reasons []string
	if log.refused != 0 && out.Status != nil && !slices.Contains(statuses(out.Status), log.refused) {
		reasons = append(reasons, fmt.Sprintf("server refused the request with %d, want status %v", log.refused, out.Status))
	}
	var missing, unexpected []int
	for _, id := range out.Log.ExpectIDs {
		if !log.ids[id] {
			missing = append(missing, id)
		}
	}
	for _, id := range out.Log.NoExpectIDs {
		if log.ids[id] {
			unexpected = append(unexpected, id)
		}
	}
	if len(missing) > 0 {
		reasons = append(reasons, fmt.Sprintf("missing ids %v", missing))
	}
	if len(unexpected) > 0 {
		reasons = append(reasons, fmt.Sprintf("unexpected ids %v", unexpected))
	}
	for _, c := range []struct {
		expr string
		want bool
	}{
		{out.Log.MatchRegex, true}, {out.LogContains, true},
		{out.Log.NoMatchRegex, false}, {out.NoLogContains, false},
	} {
		if c.expr == "" {
			continue
		}
		re, err := regexp.Compile(c.expr)
		if err != nil {
			reasons = append(reasons, fmt.Sprintf("bad log regex %q: %v", c.expr, err))
			continue
		}
		if re.MatchString(log.lines) != c.want {
			if c.want {
				reasons = append(reasons, fmt.Sprintf("log does not match %q", c.expr))
			} else {
				reasons = append(reasons, fmt.Sprintf("log matches %q (ids %v)", c.expr, sortedIDs(log.ids)))
			}
		}
	}
	return strings.Join(reasons, "; ")
}

func sortedIDs(m map[int]bool) []int {
	ids := make([]int, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// statuses reads a stage's expected status: one number or a list.
func statuses(v any) []int {
	switch v := v.(type) {
	case int:
		return []int{v}
	case []any:
		var out []int
		for _, x := range v {
			if n, ok := x.(int); ok {
				out = append(out, n)
			}
		}
		return out
	}
	return nil
}
