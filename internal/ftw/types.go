package ftw

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// File is one YAML test file.
type File struct {
	RuleID int    `yaml:"rule_id"`
	Tests  []Test `yaml:"tests"`
}

// Test is one test: stages run in order on fresh transactions.
type Test struct {
	TestID int     `yaml:"test_id"`
	Title  string  `yaml:"test_title"`
	Desc   string  `yaml:"desc"`
	Stages []Stage `yaml:"stages"`
}

// Stage is one request and what it should log. The older format wraps
// both in "stage:".
type Stage struct {
	Input  Input  `yaml:"input"`
	Output Output `yaml:"output"`
	Inner  *Stage `yaml:"stage"`
}

// Input is how go-ftw describes a request.
type Input struct {
	DestAddr            string  `yaml:"dest_addr"`
	Port                int     `yaml:"port"`
	Method              *string `yaml:"method"`
	URI                 *string `yaml:"uri"`
	Version             *string `yaml:"version"`
	Headers             Headers `yaml:"headers"`
	Data                Data    `yaml:"data"`
	EncodedRequest      string  `yaml:"encoded_request"`
	RawRequest          string  `yaml:"raw_request"`
	AutocompleteHeaders *bool   `yaml:"autocomplete_headers"`
	StopMagic           *bool   `yaml:"stop_magic"`
}

// Output is what a stage expects.
type Output struct {
	Status      any  `yaml:"status"`
	ExpectError bool `yaml:"expect_error"`
	Log         Log  `yaml:"log"`
	// The older format: regular expressions on the log.
	LogContains   string `yaml:"log_contains"`
	NoLogContains string `yaml:"no_log_contains"`
}

// Log holds the log expectations.
type Log struct {
	ExpectIDs    []int  `yaml:"expect_ids"`
	NoExpectIDs  []int  `yaml:"no_expect_ids"`
	MatchRegex   string `yaml:"match_regex"`
	NoMatchRegex string `yaml:"no_match_regex"`
}

// Headers keeps the order the test file gives.
type Headers [][2]string

func (h *Headers) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: headers: want a mapping", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		*h = append(*h, [2]string{n.Content[i].Value, n.Content[i+1].Value})
	}
	return nil
}

// Data is a body given as a string or as a list of lines (joined with
// CRLF).
type Data struct {
	Text string
	Set  bool
}

func (d *Data) UnmarshalYAML(n *yaml.Node) error {
	d.Set = true
	switch n.Kind {
	case yaml.ScalarNode:
		d.Text = n.Value
	case yaml.SequenceNode:
		lines := make([]string, len(n.Content))
		for i, c := range n.Content {
			lines[i] = c.Value
		}
		d.Text = strings.Join(lines, "\r\n")
	default:
		return fmt.Errorf("line %d: data: want a string or a list", n.Line)
	}
	return nil
}

// stage returns the stage's own input and output, unwrapping "stage:".
func (s *Stage) stage() *Stage {
	if s.Inner != nil {
		return s.Inner
	}
	return s
}
