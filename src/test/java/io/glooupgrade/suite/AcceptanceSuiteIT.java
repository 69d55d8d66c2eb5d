package io.glooupgrade.suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
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
        + "io.glooupgrade.evidence.PlanPrinter")
@ConfigurationParameter(key = "cucumber.publish.quiet", value = "true")
public class AcceptanceSuiteIT {
}
