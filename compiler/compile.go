package compiler

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/compiler/seclang"
	"github.com/rulec/rulec/compiler/sideconf"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
	syntaxseclang "github.com/rulec/rulec/grammar/seclang"
)

// Options configure a compilation.
type Options struct {
	Vars *vars.Vars // Suricata variables; nil means the defaults
	// Side holds classification.config, reference.config and
	// threshold.config; nil means Suricata's default classtypes only.
	Side *sideconf.Files
}

// Result is a compiled rule set with everything found on the way.
type Result struct {
	Rules []*ir.Rule // in input order; rules with diagnostics are left out
	Diags *diag.List // of enabled rules, in input order
	Tally diag.Tally // enabled rules by outcome
}

// frontEnd compiles the files of one language. It sees every file of its
// language at once, since some languages (SecLang) carry state across
// files.
type frontEnd func(files []string, opts Options) ([]*ir.Rule, *diag.List, diag.Tally, error)

// frontEnds maps a file extension to its language front end.
var frontEnds = map[string]frontEnd{
	".rules": compileSuricata,
	".conf":  compileSecLang,
}

// Compile reads every rule file named by paths (folders are searched
// recursively for known extensions, in lexical order) and compiles them
// into one rule set. The error reports unreadable paths only; rule problems
// are diagnostics in the result.
func Compile(paths []string, opts Options) (*Result, error) {
	if opts.Vars == nil {
		opts.Vars = vars.Defaults()
	}
	byExt := map[string][]string{}
	for _, p := range paths {
		files, err := ruleFiles(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			byExt[langExt(f)] = append(byExt[langExt(f)], f)
		}
	}
	res := &Result{Diags: &diag.List{}}
	for _, ext := range slices.Sorted(maps.Keys(byExt)) {
		rules, diags, tally, err := frontEnds[ext](byExt[ext], opts)
		if err != nil {
			return nil, err
		}
		res.Rules = append(res.Rules, rules...)
		res.Diags.Merge(diags)
		res.Tally.Merge(tally)
	}
	checkDuplicates(res)
	if opts.Side != nil {
		res.Diags.Merge(opts.Side.Diags)
		res.Diags.Merge(sideconf.Apply(opts.Side.Threshold, res.Rules))
	}
	return res, nil
}

// ruleFiles expands a path into the rule files it names.
func ruleFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if _, ok := frontEnds[langExt(path)]; !ok {
			return nil, fmt.Errorf("%s: unknown rule file type %q (want one of %v)", path, filepath.Ext(path), slices.Sorted(maps.Keys(frontEnds)))
		}
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if _, ok := frontEnds[filepath.Ext(p)]; ok && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// langExt is the extension that picks a file's front end. A file named
// explicitly may also be a SecLang example configuration (*.conf.example,
// such as CRS's crs-setup.conf.example); folder walks skip those.
func langExt(path string) string {
	if strings.HasSuffix(path, ".conf.example") {
		return ".conf"
	}
	return filepath.Ext(path)
}

func compileSuricata(files []string, opts Options) ([]*ir.Rule, *diag.List, diag.Tally, error) {
	c := suricata.New(opts.Vars)
	if opts.Side != nil {
		if opts.Side.Classes != nil {
			c.SetClasses(opts.Side.Classes)
		}
		if opts.Side.References != nil {
			c.SetReferences(opts.Side.References)
		}
	}
	var (
		rules []*ir.Rule
		diags = &diag.List{}
		tally diag.Tally
	)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, tally, err
		}
		rs, ds, t := c.File(f, src)
		rules = append(rules, rs...)
		diags.Merge(ds)
		tally.Merge(t)
	}
	return rules, diags, tally, nil
}

// compileSecLang compiles every SecLang file in one pass, since directives
// carry state across files. A file that another file of the list Includes
// is read only through that Include (files that include each other are
// both read, so that the duplicates show).
func compileSecLang(files []string, _ Options) ([]*ir.Rule, *diag.List, diag.Tally, error) {
	type parsed struct {
		dirs  []*syntaxseclang.Directive
		errs  *diag.List
		reads map[string]bool // files read through Include
	}
	all := make([]parsed, len(files))
	for i, f := range files {
		p := parsed{reads: map[string]bool{}}
		p.dirs, p.errs = syntaxseclang.ParseFiles(f)
		for _, d := range p.dirs {
			if d.Pos.File != f {
				p.reads[d.Pos.File] = true
			}
		}
		all[i] = p
	}
	includedBy := func(i int) bool {
		for j, f := range files {
			if j != i && all[j].reads[files[i]] && !all[i].reads[f] {
				return true
			}
		}
		return false
	}
	var (
		dirs []*syntaxseclang.Directive
		errs = &diag.List{}
	)
	for i := range files {
		if !includedBy(i) {
			dirs = append(dirs, all[i].dirs...)
			errs.Merge(all[i].errs)
		}
	}
	res := seclang.Compile(dirs, errs)
	return res.Rules, res.Diags, res.Tally, nil
}

// WriteReport prints the diagnostics sorted by position, then the summary
// line "checked N rules: K kernel, U userspace, S unsupported, E errors".
// With verbose, it also prints why each userspace rule is not in the
// kernel, and how the kernel runs the rules it parses app-layer buffers
// for.
func (r *Result) WriteReport(w io.Writer, verbose bool) {
	r.Diags.Sort()
	for _, d := range r.Diags.Items {
		fmt.Fprintln(w, d)
	}
	if r.Diags.Dropped > 0 {
		fmt.Fprintf(w, "(%d more diagnostics not shown)\n", r.Diags.Dropped)
	}
	kernelN, userN := 0, 0
	var enabled []*ir.Rule
	for _, rule := range r.Rules {
		if !rule.Disabled {
			enabled = append(enabled, rule)
		}
	}
	for i, d := range lower.DecideSet(enabled) {
		rule := enabled[i]
		if d.Tier == lower.Kernel {
			kernelN++
			if verbose && d.Note != "" {
				fmt.Fprintf(w, "%s: sid %d: kernel: %s\n", rule.Pos, rule.Meta.SID, d.Note)
			}
			continue
		}
		userN++
		if verbose {
			fmt.Fprintf(w, "%s: sid %d: userspace: %s\n", rule.Pos, rule.Meta.SID, d.Reason)
		}
	}
	t := r.Tally
	fmt.Fprintf(w, "checked %d rules: %d kernel, %d userspace, %d unsupported, %d errors", t.Rules, kernelN, userN, t.Unsupported, t.Errors)
	if t.Warnings > 0 {
		fmt.Fprintf(w, ", %d warnings", t.Warnings)
	}
	fmt.Fprintln(w)
}
