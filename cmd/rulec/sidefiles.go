package main

import (
	"fmt"
	"os"

	"github.com/rulec/rulec/compiler/sideconf"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/spf13/pflag"
)

// addSideFlags adds the flags naming Suricata's side files; they override
// the suricata.yaml keys of --vars.
func addSideFlags(fs *pflag.FlagSet) *sideconf.Paths {
	p := &sideconf.Paths{}
	fs.StringVar(&p.Threshold, "threshold-file", "", "Suricata threshold.config: suppress, threshold, event_filter, rate_filter (default: threshold-file of the --vars suricata.yaml)")
	fs.StringVar(&p.Classification, "classification-file", "", "Suricata classification.config: classtypes, their category and priority (default: classification-file of --vars, else Suricata's defaults)")
	fs.StringVar(&p.Reference, "reference-config-file", "", "Suricata reference.config: reference systems' URLs (default: reference-config-file of --vars)")
	return p
}

// loadSideFiles reads the side files named by flags, or else by the
// suricata.yaml at varsFile; suppress addresses resolve with v.
func loadSideFiles(flags sideconf.Paths, varsFile string, v *vars.Vars) (*sideconf.Files, error) {
	p := sideconf.Paths{}
	if varsFile != "" {
		data, err := os.ReadFile(varsFile)
		if err != nil {
			return nil, err
		}
		if p, err = sideconf.PathsFromYAML(data); err != nil {
			return nil, fmt.Errorf("%s: %w", varsFile, err)
		}
	}
	return sideconf.Load(p.Override(flags), v)
}
