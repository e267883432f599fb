package main

import (
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/runtime/decode"
)

// decoderConfig reads the decoder settings of the suricata.yaml given
// with --vars (UDP encapsulations' ports); without one, those of
// Suricata's default suricata.yaml.
func decoderConfig(varsFile string) (decode.Config, error) {
	v := vars.Defaults()
	if varsFile != "" {
		var err error
		if v, err = vars.LoadFile(varsFile); err != nil {
			return decode.Config{}, err
		}
	}
	return decode.NewConfig(v.Decoder, v.PortList)
}
