//! Charts drawn with plotters' SVG backend, embedded inline in the HTML report.

use plotters::prelude::*;

use crate::ReplayError;

const WIDTH: u32 = 760;
const ACHIEVED: RGBColor = RGBColor(31, 119, 180);
const TARGET: RGBColor = RGBColor(214, 39, 40);

fn fail(e: impl std::fmt::Display) -> ReplayError {
    ReplayError::Render(e.to_string())
}

/// The label of a bar's middle; the segment edges stay blank so each label shows once.
fn segment_label(labels: &[String], value: &SegmentValue<usize>) -> String {
    match value {
        SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Horizontal bars: each indicator's achieved value as a percentage of its target, with the
/// target (100 %) drawn as a line.
pub(crate) fn effectiveness(title: &str, rows: &[(String, f64)]) -> Result<String, ReplayError> {
    let mut svg = String::new();
    let height = 80 + 18 * u32::try_from(rows.len()).unwrap_or(0).max(1);
    let max = rows.iter().map(|(_, v)| *v).fold(120.0_f64, f64::max) * 1.05;
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        let n = rows.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(110)
            .build_cartesian_2d(0f64..max, (0..n).into_segmented())
            .map_err(fail)?;
        let labels: Vec<String> = rows.iter().map(|(code, _)| code.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&|v| segment_label(&labels, v))
            .x_desc("%")
            .draw()
            .map_err(fail)?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, value))| {
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(i)),
                        (*value, SegmentValue::Exact(i + 1)),
                    ],
                    ACHIEVED.filled(),
                );
                bar.set_margin(3, 3, 0, 0);
                bar
            }))
            .map_err(fail)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![
                    (100.0, SegmentValue::Exact(0)),
                    (100.0, SegmentValue::Exact(n)),
                ],
                TARGET.stroke_width(2),
            )))
            .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

/// Vertical bars, one per breakdown value; `targets` (same order) drawn as red ticks.
pub(crate) fn breakdown(
    title: &str,
    bars: &[(String, f64)],
    targets: &[Option<f64>],
) -> Result<String, ReplayError> {
    let mut svg = String::new();
    let n = bars.len().max(1);
    let top = bars
        .iter()
        .map(|(_, v)| *v)
        .chain(targets.iter().flatten().copied())
        .fold(1.0_f64, f64::max)
        * 1.15;
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH / 2 - 10, 300)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 15))
            .margin(8)
            .x_label_area_size(50)
            .y_label_area_size(50)
            .build_cartesian_2d((0..n).into_segmented(), 0f64..top)
            .map_err(fail)?;
        let labels: Vec<String> = bars.iter().map(|(label, _)| label.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&|v| segment_label(&labels, v))
            .x_label_style(("sans-serif", 10))
            .draw()
            .map_err(fail)?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, (_, value))| {
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0.0),
                        (SegmentValue::Exact(i + 1), *value),
                    ],
                    ACHIEVED.filled(),
                );
                bar.set_margin(0, 0, 6, 6);
                bar
            }))
            .map_err(fail)?;
        chart
            .draw_series(targets.iter().enumerate().filter_map(|(i, t)| {
                t.map(|t| {
                    PathElement::new(
                        vec![(SegmentValue::Exact(i), t), (SegmentValue::Exact(i + 1), t)],
                        TARGET.stroke_width(3),
                    )
                })
            }))
            .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}
