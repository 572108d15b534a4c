/**
 * The OCI runtime specification as Berth reads and writes it: the {@code config.json} model for Linux
 * ({@link dev.berth.specs.Spec}), the state and features documents, reading with the JSON path and
 * line of every error ({@link dev.berth.specs.SpecReader}), stable writing
 * ({@link dev.berth.specs.SpecWriter}), default specs ({@link dev.berth.specs.DefaultSpecs}), a validator
 * that reports every violation ({@link dev.berth.specs.validate.SpecValidator}), and Berth's CNI network
 * extension ({@link dev.berth.specs.network}).
 *
 * <p>Only jackson-core's streaming parser is used at run time: binding through databind costs a
 * container runtime that is started four times per container too much start-up time.
 */
module dev.berth.specs {
    requires com.fasterxml.jackson.core;

    exports dev.berth.specs;
    exports dev.berth.specs.validate;
    exports dev.berth.specs.network;
}
