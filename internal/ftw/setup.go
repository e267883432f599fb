package ftw

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rulec/rulec/compiler"
	"github.com/rulec/rulec/runtime/waf"
)

//go:embed recommended.conf
var recommended []byte

// CRSTxVars are the TX variables CRS's test setup sets before the rules
// (its SecAction 900005): paranoia level 4 for blocking and detection, and
// the limits the tests are written for.
var CRSTxVars = map[string]string{
	"blocking_paranoia_level":    "4",
	"detection_paranoia_level":   "4",
	"crs_validate_utf8_encoding": "1",
	"arg_name_length":            "100",
	"arg_length":                 "400",
	"total_arg_length":           "64000",
	"max_num_args":               "255",
	"max_file_size":              "64100",
	"combined_file_sizes":        "65535",
}

// CRSConfig is the engine configuration of CRS's test setup:
// DetectionOnly, request and response bodies inspected, the TX variables
// above.
func CRSConfig() waf.Config {
	return waf.Config{
		Mode:                  waf.DetectionOnly,
		RequestBodyAccess:     true,
		ResponseBodyAccess:    true,
		ResponseBodyMimeTypes: []string{"text/plain", "text/html", "text/xml"},
		ArgumentsLimit:        1000,
		TxVars:                CRSTxVars,
	}
}

// Compile compiles ModSecurity's recommended body rules (recommended.conf),
// then setup, then rules (files or folders), into a WAF with cfg. Any
// rule the compiler leaves out is an error.
func Compile(setup string, rules []string, cfg waf.Config) (*waf.WAF, error) {
	dir, err := os.MkdirTemp("", "rulec-ftw")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	rec := filepath.Join(dir, "recommended.conf")
	if err := os.WriteFile(rec, recommended, 0o600); err != nil {
		return nil, err
	}
	paths := append([]string{rec, setup}, rules...)
	res, err := compiler.Compile(paths, compiler.Options{})
	if err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	if n := len(res.Diags.Items); n > 0 {
		return nil, fmt.Errorf("compile: %d diagnostics, first: %v", n, res.Diags.Items[0])
	}
	w, err := waf.New(res.Rules, cfg)
	if err != nil {
		return nil, fmt.Errorf("waf: %w", err)
	}
	if rej := w.Rejected(); len(rej) > 0 {
		return nil, fmt.Errorf("waf: %d rules refused, first: %w", len(rej), rej[0].Err)
	}
	return w, nil
}

// RecommendedConf is the text of recommended.conf, for another engine
// given the same setup.
func RecommendedConf() []byte { return recommended }
