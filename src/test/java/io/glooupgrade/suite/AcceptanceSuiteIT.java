package io.glooupgrade.suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_CUSTOM_CLASS_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The acceptance suite: every feature file under {@code features/}, run by the Cucumber engine
 * against the configured target (the embedded cluster by default), reported to Allure; after
 * Allure (which writes each result as its scenario ends) a compliance record per edition run.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.glooupgrade.steps")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME,
    value = "pretty, summary, io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm, io.glooupgrade.traffic.StepTimeline, "
        + "io.glooupgrade.evidence.AllureRunFiles, io.glooupgrade.evidence.compliance.ComplianceRecorder, "
        + "io.glooupgrade.evidence.PlanPrinter, io.glooupgrade.evidence.SuiteBenchmark")
@ConfigurationParameter(key = "cucumber.publish.quiet", value = "true")
// Scenarios side by side, as many as ScenarioParallelism says (the embedded target: several; a real cluster: one).
@ConfigurationParameter(key = PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME, value = "true")
@ConfigurationParameter(key = PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME, value = "custom")
@ConfigurationParameter(key = PARALLEL_CONFIG_CUSTOM_CLASS_PROPERTY_NAME,
    value = "io.glooupgrade.lifecycle.ScenarioParallelism")
public class AcceptanceSuiteIT {
}
