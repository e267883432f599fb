package eve

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// Engine is the record type of engine log messages written into EVE.
const Engine = "engine"

// EngineEvent is an engine log message as Suricata writes it in JSON:
// its level ("Error", "Warning", ...) and the message, from module.
func EngineEvent(ts time.Time, level, module, message string) *Event {
	return &Event{Timestamp: ts, LogLevel: level, EventType: Engine,
		Sections: map[string]map[string]any{Engine: {"message": message, "module": module}}}
}

// EngineLogInEVE reports whether a suricata.yaml document sends the
// engine log into the EVE file: a logging output of type json writing
// to the first eve-log output's file, as Suricata then writes its
// messages there as engine records.
func EngineLogInEVE(data []byte) (bool, error) {
	var doc struct {
		Logging struct {
			Outputs []map[string]struct {
				Enabled  any    `yaml:"enabled"`
				Filename string `yaml:"filename"`
				Type     string `yaml:"type"`
			} `yaml:"outputs"`
		} `yaml:"logging"`
		Outputs []map[string]struct {
			Filename string `yaml:"filename"`
		} `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return false, fmt.Errorf("logging: %w", err)
	}
	eveFile := "eve.json"
	for _, o := range doc.Outputs {
		if el, ok := o["eve-log"]; ok {
			if el.Filename != "" {
				eveFile = el.Filename
			}
			break
		}
	}
	for _, o := range doc.Logging.Outputs {
		f, ok := o["file"]
		if ok && Yes(f.Enabled) && f.Type == "json" && f.Filename == eveFile {
			return true, nil
		}
	}
	return false, nil
}
