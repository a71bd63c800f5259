import { COURSE_README_SLUG } from '@floor-os/onboarding';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { Alert, Box, Breadcrumbs, Card, CardContent, Link as MuiLink, Typography } from '@mui/material';
import type { SxProps, Theme } from '@mui/material/styles';
import { useEffect, useMemo } from 'react';
import { Link, Title, useParams } from 'react-admin';
import { chapterOf, COURSE_TRACKER_PATH, helpPage, helpPath, renderHelpPage } from './helpPages';

/** Typography for the rendered Markdown: the theme's headings, bordered tables, grey scrolling code blocks. */
const proseSx: SxProps<Theme> = (theme) => ({
  maxWidth: 920,
  ...theme.typography.body1,
  lineHeight: 1.65,
  overflowWrap: 'break-word',
  '& h1': { ...theme.typography.h4, mt: 4, mb: 2 },
  '& h2': {
    ...theme.typography.h5,
    fontWeight: 500,
    mt: 4,
    mb: 1.5,
    pb: 0.5,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  '& h3': { ...theme.typography.h6, mt: 3, mb: 1 },
  '& h4, & h5, & h6': { ...theme.typography.subtitle1, fontWeight: 600, mt: 2, mb: 1 },
  '& > :first-child': { mt: 0 },
  '& p': { my: 1.5 },
  '& ul, & ol': { pl: 3.5, my: 1.5 },
  '& li': { my: 0.5 },
  '& li > p': { my: 0.5 },
  '& a': { color: theme.palette.primary.main },
  '& blockquote': {
    m: 0,
    my: 2,
    pl: 2,
    py: 0.5,
    borderLeft: `4px solid ${theme.palette.divider}`,
    color: theme.palette.text.secondary,
  },
  '& hr': { border: 0, borderTop: `1px solid ${theme.palette.divider}`, my: 3 },
  '& code': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: '0.875em',
    bgcolor: theme.palette.grey[100],
    px: 0.5,
    py: 0.125,
    borderRadius: 0.5,
  },
  '& pre': {
    bgcolor: theme.palette.grey[100],
    border: `1px solid ${theme.palette.grey[300]}`,
    borderRadius: 1,
    p: 1.5,
    my: 2,
    overflowX: 'auto',
    lineHeight: 1.5,
  },
  '& pre code': { bgcolor: 'transparent', p: 0, fontSize: '0.8125rem', whiteSpace: 'pre' },
  '& table': {
    borderCollapse: 'collapse',
    my: 2,
    display: 'block',
    overflowX: 'auto',
    maxWidth: '100%',
    fontSize: '0.875rem',
  },
  '& th, & td': {
    border: `1px solid ${theme.palette.divider}`,
    px: 1.25,
    py: 0.75,
    textAlign: 'left',
    verticalAlign: 'top',
  },
  '& th': { bgcolor: theme.palette.grey[50], fontWeight: 600 },
  '& img': { maxWidth: '100%' },
});

const NotFound = ({ slug }: { slug: string }) => (
  <Card variant="outlined" data-testid="help-page" data-slug={slug} data-found="false">
    <Title title="Help" />
    <CardContent>
      <Typography variant="h5" component="h1" gutterBottom data-testid="help-title">
        No help page called “{slug}”
      </Typography>
      <Alert severity="info" variant="outlined" sx={{ maxWidth: 720 }}>
        The address may be mistyped or point at an older edition of the course. Every page is listed in{' '}
        <MuiLink component={Link} to={helpPath(COURSE_README_SLUG)} data-testid="help-index-link">
          the operator course index
        </MuiLink>
        .
      </Alert>
    </CardContent>
  </Card>
);

/**
 * `/help/:slug` (SPEC O7): a page of the operator course, from the Markdown bundled at build time, rendered
 * and sanitised. A task or checkpoint is a section of its chapter; the breadcrumb leads to the chapter and
 * to the tracker.
 */
export const HelpPage = () => {
  const { slug = '' } = useParams<{ slug: string }>();
  const page = helpPage(slug);
  const chapter = page ? chapterOf(page) : undefined;
  const rendered = useMemo(() => (page ? renderHelpPage(page) : null), [page]);

  // A link inside a page leads to another page: start it at its top.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [slug]);

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Breadcrumbs separator={<NavigateNextIcon fontSize="small" />} sx={{ mb: 1.5 }} data-testid="help-breadcrumbs">
        <MuiLink component={Link} to={COURSE_TRACKER_PATH} underline="hover" data-testid="help-back">
          Operator course
        </MuiLink>
        {chapter ? (
          <MuiLink component={Link} to={helpPath(chapter.slug)} underline="hover" data-testid="help-chapter">
            {chapter.title}
          </MuiLink>
        ) : null}
        <Typography color="text.primary" variant="body2" component="span">
          {page?.title ?? slug}
        </Typography>
      </Breadcrumbs>
      {page ? (
        <Card variant="outlined" data-testid="help-page" data-slug={page.slug} data-found="true">
          <Title title={page.title} />
          <CardContent sx={{ px: { xs: 2, md: 4 }, py: 3 }}>
            <Typography
              variant="h4"
              component="h1"
              sx={{ mb: rendered?.meta ? 0.5 : 2, maxWidth: 920 }}
              data-testid="help-title"
            >
              {page.title}
            </Typography>
            {/* Both sanitised by renderMarkdown (DOMPurify): no scripts, handlers, javascript: URLs or frames. */}
            {rendered?.meta ? (
              <Box
                sx={[proseSx, { color: 'text.secondary', fontSize: '0.875rem', mb: 2, '& p': { m: 0 } }]}
                data-testid="help-meta"
                dangerouslySetInnerHTML={{ __html: rendered.meta }}
              />
            ) : null}
            <Box sx={proseSx} data-testid="help-content" dangerouslySetInnerHTML={{ __html: rendered?.html ?? '' }} />
            {chapter ? (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 4 }}>
                This is one section of{' '}
                <MuiLink component={Link} to={helpPath(chapter.slug)}>
                  {chapter.title}
                </MuiLink>
                ; the chapter page has its reading, key facts and the other tasks.
              </Typography>
            ) : null}
          </CardContent>
        </Card>
      ) : (
        <NotFound slug={slug} />
      )}
    </Box>
  );
};
